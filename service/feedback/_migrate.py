"""Schema migrations: numbered SQL files per backend, applied in order, recorded in ``schema_version``.

``migrations/<backend>/NNNN_name.sql`` (``sqlite``, ``postgresql``) are read strictly: numbers start at 1
and have no gaps, so a missing or misnamed file fails at start-up instead of leaving a half schema.
A store applies what its database has not had yet, inside one transaction and under a lock (SQLite's
write lock, PostgreSQL's advisory lock), so replicas starting together migrate once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from service.errors import ConfigError

Backend = Literal["sqlite", "postgresql"]

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

SCHEMA_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


def split_statements(script: str) -> tuple[str, ...]:
    """The statements of a migration file: ``--`` comment lines dropped, split at ``;`` ending a line."""
    lines = [line for line in script.splitlines() if not line.lstrip().startswith("--")]
    parts = re.split(r";\s*$", "\n".join(lines), flags=re.MULTILINE)
    return tuple(part.strip() for part in parts if part.strip())


@cache
def migrations(backend: Backend) -> tuple[Migration, ...]:
    """Every migration of ``backend``, in order; :class:`ConfigError` for a misnamed file or a gap."""
    folder = resources.files("service.feedback") / "migrations" / backend
    found: list[Migration] = []
    for entry in folder.iterdir():
        if not entry.name.endswith(".sql"):
            continue
        match = _NAME.match(entry.name)
        if match is None:
            raise ConfigError(f"migration file {backend}/{entry.name} is not named NNNN_name.sql")
        found.append(Migration(int(match.group(1)), match.group(2), split_statements(entry.read_text("utf-8"))))
    found.sort(key=lambda m: m.version)
    expected = list(range(1, len(found) + 1))
    if [m.version for m in found] != expected:
        raise ConfigError(f"{backend} migrations must be numbered 1..{len(found)} without gaps: "
                          f"{[m.version for m in found]}")
    return tuple(found)


def latest(backend: Backend) -> int:
    return len(migrations(backend))


def pending(backend: Backend, current: int) -> tuple[Migration, ...]:
    """The migrations a database at schema ``current`` has not had (``ConfigError`` if it is newer than this code)."""
    if current > latest(backend):
        raise ConfigError(f"the feedback database is at schema {current}; this version of Tactful knows "
                          f"{latest(backend)} (upgrade Tactful, or point it at another database)")
    return migrations(backend)[current:]
