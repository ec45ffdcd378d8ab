"""Layering: the service never imports the eval harness (evals/ imports service/, not the reverse).

Every ``import`` and ``from ... import`` in ``service/**/*.py`` is read with ``ast`` (including
imports inside functions and ``if TYPE_CHECKING`` blocks), so a lazy import is caught too.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = ("evals", "tests")


def imported_modules(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
            "import_module",
            "__import__",
        ):
            found += [(node.lineno, a.value) for a in node.args[:1] if isinstance(a, ast.Constant)]
    return sorted((line, str(name)) for line, name in found)


def offending(root: Path) -> list[str]:
    bad = []
    for path in sorted((root / "service").rglob("*.py")):
        for line, module in imported_modules(path):
            if module.split(".")[0] in FORBIDDEN:
                bad.append(f"{path.relative_to(root)}:{line} imports {module}")
    return bad


def test_service_never_imports_evals_or_tests() -> None:
    assert offending(ROOT) == []


def test_the_check_sees_every_kind_of_import(tmp_path: Path) -> None:
    module = tmp_path / "service" / "m.py"
    module.parent.mkdir()
    module.write_text(
        "import evals\n"
        "from evals.cli import main\n"
        "def f():\n    from evals import _text\n"
        "import importlib\nimportlib.import_module('evals.solvers')\n"
        "from service import settings\n"
    )
    assert [line.split(" ", 1)[0] for line in offending(tmp_path)] == [
        "service/m.py:1", "service/m.py:2", "service/m.py:4", "service/m.py:6",
    ]  # fmt: skip
