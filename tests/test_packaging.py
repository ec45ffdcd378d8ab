"""The wheel ships the prompts and brand profiles: the packaged sets equal the source folders prompts/ and
profiles/, and an install of the wheel (not the source tree) loads them with no TACTFUL_PROMPTS_DIR.

The wheel is built offline from a copy of the sources (``pip wheel --no-build-isolation --no-index``,
with the setuptools the dev extra pins), so the repository is left untouched.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from service.chain import REQUIRED_PROMPTS
from service.prompts import DEFAULT_PROMPTS_DIR, load_prompts

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "prompts"
PACKAGED = "service/prompt_files/"
PROFILES = "service/profile_files/"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("service", "evals", "prompts", "profiles"):
        shutil.copytree(ROOT / name, src / name, symlinks=True, ignore=ignore)
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "--no-index",
         "-w", str(out), str(src)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    (built,) = out.glob("tactful-*.whl")
    return built


def test_the_source_tree_loads_the_packaged_path() -> None:
    assert DEFAULT_PROMPTS_DIR.resolve() == SOURCE.resolve()  # the symlink to the one source
    assert load_prompts(None, REQUIRED_PROMPTS)["read"].name == "read"


def test_the_wheel_carries_exactly_the_source_prompts(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as whl:
        names = whl.namelist()
        packaged = {n.removeprefix(PACKAGED): whl.read(n) for n in names if n.startswith(PACKAGED)}
    source = {p.name: p.read_bytes() for p in sorted(SOURCE.glob("*.yaml"))}
    assert source and packaged == source
    assert not [n for n in names if n.startswith("prompts/")], "no top-level prompts package in site-packages"


def test_the_wheel_carries_exactly_the_source_profiles(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as whl:
        names = whl.namelist()
        packaged = {n.removeprefix(PROFILES): whl.read(n) for n in names if n.startswith(PROFILES)}
    source = {p.name: p.read_bytes() for p in sorted((ROOT / "profiles").glob("*.yaml"))}
    assert source and packaged == source
    assert not [n for n in names if n.startswith("profiles/")]


_PROBE = """
import json, service
from service.chain import REQUIRED_PROMPTS
from service.prompts import DEFAULT_PROMPTS_DIR, load_prompts
from service.profiles import load_profiles
prompts = load_prompts(None, REQUIRED_PROMPTS)
from service.feedback._migrate import migrations
print(json.dumps({"service": service.__file__, "dir": str(DEFAULT_PROMPTS_DIR),
                  "symlink": DEFAULT_PROMPTS_DIR.is_symlink(), "versions": prompts.versions(),
                  "migrations": {b: [m.name for m in migrations(b)] for b in ("sqlite", "postgresql")},
                  "profiles": [p.id for p in load_profiles(None).values()]}))
"""


def test_an_installed_wheel_loads_its_own_prompts(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--target", str(target), str(wheel)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    env = {k: v for k, v in os.environ.items() if not k.startswith("TACTFUL_")}
    env["PYTHONPATH"] = str(target)  # before the editable install of the source tree
    probe = subprocess.run(
        [sys.executable, "-P", "-c", _PROBE], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120,
        check=False,
    )  # fmt: skip
    assert probe.returncode == 0, probe.stderr[-3000:]
    seen = json.loads(probe.stdout)
    assert seen["service"].startswith(str(target)) and seen["dir"].startswith(str(target))
    assert not seen["symlink"]
    assert seen["versions"] == load_prompts(None, REQUIRED_PROMPTS).versions()
    assert seen["migrations"] == {"sqlite": ["unsigned_feedback", "signed_feedback"], "postgresql": ["feedback"]}
    assert seen["profiles"] == ["bank-zh@1", "retail-en@1"]
