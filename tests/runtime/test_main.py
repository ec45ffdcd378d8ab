"""``python -m service.runtime``: the Dockerfile's build-time assembly entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.runtime import __main__ as entry
from service.settings import Settings


def test_prints_the_model_path_and_succeeds(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    own = tmp_path / "own.gguf"
    own.write_bytes(b"GGUF")
    monkeypatch.setattr(entry, "get_settings", lambda: settings.model_copy(update={"embedded_model_path": own}))
    assert entry.main() == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == str(own)


def test_reports_a_start_error_with_exit_status_1(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.gguf"
    monkeypatch.setattr(entry, "get_settings", lambda: settings.model_copy(update={"embedded_model_path": missing}))
    assert entry.main() == 1
    assert capsys.readouterr().err.startswith(f"error: embedded_model_path {missing} is not a file")
