"""Feedback in PostgreSQL (``TACTFUL_DATABASE_URL=postgresql://user:password@host:5432/db``), shared by replicas.

psycopg 3 with a small connection pool (opened on first use, each connection checked before it is lent).
Times are ``timestamptz``, request and response ``jsonb``; records keep their insertion order in ``seq``.
Migrations run under an advisory lock, so replicas starting together apply each one once. A server that
cannot be reached within a few seconds raises :class:`~service.errors.StoreUnavailable` (503), and the pool
reconnects on its own when it is back.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from datetime import datetime

import psycopg
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool, PoolTimeout

from service.errors import StoreUnavailable
from service.feedback._migrate import SCHEMA_VERSION_TABLE
from service.feedback._store import Clock, Connection, FeedbackStore, utc_now

MIGRATION_LOCK = 7_361_207_013
"""The advisory lock key migrations hold (any constant, the same in every replica)."""


class PostgresStore(FeedbackStore):
    backend = "postgresql"
    order_column = "f.created_at, f.seq"

    def __init__(self, url: str, *, retention_days: int | None = None, clock: Clock = utc_now,
                 pool_size: int = 4, connect_timeout_s: float = 5.0) -> None:
        super().__init__(retention_days=retention_days, clock=clock)
        self._pool = ConnectionPool(
            url.replace("postgres://", "postgresql://", 1),
            min_size=1,
            max_size=pool_size,
            timeout=connect_timeout_s,
            open=False,
            check=ConnectionPool.check_connection,
            kwargs={"connect_timeout": max(1, int(connect_timeout_s))},
            name="tactful-feedback",
        )
        self._opened = False
        self._opening = threading.Lock()

    def __repr__(self) -> str:
        return "PostgresStore(url=***)"  # the URL may carry a password

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s")

    def _time(self, at: datetime) -> object:
        return at

    def _json(self, data: str) -> object:
        return Jsonb(json.loads(data))

    def _is_duplicate(self, exc: Exception) -> bool:
        return isinstance(exc, psycopg.errors.UniqueViolation)

    def close(self) -> None:
        with self._opening:
            if self._opened:
                self._pool.close()
                self._opened = False

    @contextlib.contextmanager
    def _connection(self) -> Iterator[Connection]:
        with self._opening:
            if not self._opened:
                self._pool.open(wait=False)
                self._opened = True
        try:
            with self._pool.connection() as conn:  # commits when the block ends, rolls back if it raises
                yield conn
        except (PoolTimeout, psycopg.OperationalError) as exc:
            raise StoreUnavailable(f"the feedback database cannot be reached: {type(exc).__name__}") from None

    def _migrate(self) -> int:
        with self._connection() as conn:
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))  # held until this commits
            conn.execute(SCHEMA_VERSION_TABLE)
            row = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()
            return self._apply(conn, int(row[0]))
