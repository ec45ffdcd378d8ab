"""``python -m service.runtime``: the Dockerfile's build-time assembly entry, and ``serve-http``, the model
server of several replicas."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from service.runtime import __main__ as entry
from service.settings import Settings
from tests.runtime.conftest import smollm2_path
from tests.servers import free_port


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


def test_serve_http_needs_the_key_clients_will_send(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(entry, "get_settings", lambda: settings)
    assert entry.main(["serve-http", "--port", "1"]) == 2
    assert "TACTFUL_API_KEY" in capsys.readouterr().err


@pytest.mark.real_runtime
def test_serve_http_is_a_model_server_for_replicas(tmp_path: Path) -> None:
    """The standalone server on SmolLM2: health open, the OpenAI API behind the key, stopped by SIGTERM."""
    port, key = free_port(), "sk-model-server-test-key"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TACTFUL_")}
    env.update(TACTFUL_API_KEY=key, TACTFUL_EMBEDDED_MODEL_PATH=str(smollm2_path()), TACTFUL_EMBEDDED_PARALLEL="1",
               TACTFUL_EMBEDDED_THREADS="1", TACTFUL_HOME=str(tmp_path), TACTFUL_LOG_LEVEL="error")
    proc = subprocess.Popen([sys.executable, "-m", "service.runtime", "serve-http", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None and time.monotonic() < deadline, "the model server did not come up"
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            time.sleep(0.2)
        assert httpx.get(f"{base}/v1/models", timeout=5).status_code == 401
        models = httpx.get(f"{base}/v1/models", headers={"Authorization": f"Bearer {key}"}, timeout=5)
        assert models.status_code == 200 and "embedded" in models.text
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0 and f"model server: http://127.0.0.1:{port}/v1" in out.decode()
