"""Fixtures for the runtime tests: settings rooted in tmp_path and small fake model parts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from service.runtime import ModelSpec
from service.settings import Settings


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
