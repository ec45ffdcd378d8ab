"""Feedback in a SQLite file (the default): ``<data_dir>/feedback.sqlite``, or the path of ``sqlite:///<path>``.

The database holds customer messages, so the file (and a data directory it creates) is private to its owner.
Every operation opens its own short connection (WAL journal), so the store is safe from worker threads and
several processes on one machine; replicas on several machines need PostgreSQL.

Databases from before the ``schema_version`` table kept their version in ``PRAGMA user_version`` (1: one
unsigned row per client-chosen id; 2: signed ids and versions); they are adopted at that version, so
schema 1's rows end up in ``feedback_unverified_v1``, never read nor exported.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from service.errors import StoreUnavailable
from service.feedback._migrate import SCHEMA_VERSION_TABLE, migrations
from service.feedback._store import Clock, Connection, FeedbackStore, iso_time, utc_now


class SqliteStore(FeedbackStore):
    backend = "sqlite"
    order_column = "f.created_at, f.rowid"

    def __init__(self, path: Path, *, retention_days: int | None = None, clock: Clock = utc_now) -> None:
        super().__init__(retention_days=retention_days, clock=clock)
        self.path = path

    def __repr__(self) -> str:
        return f"SqliteStore({str(self.path)!r})"

    def _empty(self) -> bool:
        return not self.path.exists()

    def close(self) -> None:
        """Nothing to release: every operation opens and closes its own connection."""

    def _is_duplicate(self, exc: Exception) -> bool:
        return isinstance(exc, sqlite3.IntegrityError)

    def _open(self) -> sqlite3.Connection:
        if not self.path.exists():
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.path.touch(mode=0o600)
        try:
            conn = sqlite3.connect(self.path, timeout=10.0, isolation_level=None)  # transactions are explicit
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.OperationalError as exc:
            raise StoreUnavailable(f"the feedback database {self.path} cannot be opened: {exc}") from None
        return conn

    @contextlib.contextmanager
    def _connection(self) -> Iterator[Connection]:
        conn = self._open()
        try:
            conn.execute("BEGIN")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:  # locked for longer than the timeout, disk full ...
            raise StoreUnavailable(f"the feedback database is unavailable: {exc}") from None
        finally:
            conn.close()

    def _migrate(self) -> int:
        conn = self._open()
        try:
            conn.execute("BEGIN IMMEDIATE")  # the write lock: one process migrates, the others wait and see it done
            try:
                has_table = conn.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
                ).fetchone()
                conn.execute(SCHEMA_VERSION_TABLE)
                if has_table:
                    current = int(conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0])
                else:  # adopt a database from before schema_version at its PRAGMA user_version
                    current = int(conn.execute("PRAGMA user_version").fetchone()[0])
                    for step in migrations(self.backend)[:current]:
                        conn.execute("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                                     (step.version, f"{step.name} (adopted)", iso_time(self.clock())))
                version = self._apply(conn, current)
                conn.execute(f"PRAGMA user_version = {version}")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            return version
        except sqlite3.OperationalError as exc:
            raise StoreUnavailable(f"the feedback database {self.path} cannot be migrated: {exc}") from None
        finally:
            conn.close()
