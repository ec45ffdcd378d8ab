"""Feedback storage: one record per rewrite id and key, each change a new version; SQLite or PostgreSQL.

A record is created once (a second create for the same id and key raises :class:`~service.errors.Conflict`);
later changes append versions, earlier ones stay. Records older than the retention are deleted.

:class:`FeedbackStore` holds everything both backends do the same way (the queries, versions, retention);
a backend gives connections, its migrations (:mod:`service.feedback._migrate`) and how it stores times and
JSON. ``TACTFUL_DATABASE_URL`` picks one: none or ``sqlite:///<path>`` is a file
(:mod:`service.feedback._sqlite`), ``postgresql://...`` a server (:mod:`service.feedback._postgres`),
which replicas share. A database that cannot be reached raises :class:`~service.errors.StoreUnavailable`.
Every method is blocking and safe to call from worker threads.
"""

from __future__ import annotations

import abc
import contextlib
import json
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from service.errors import ConfigError, Conflict, NotFound
from service.feedback._migrate import Backend, Migration, pending
from service.feedback._models import FeedbackIn, FeedbackRecord, FeedbackSaved, FeedbackUpdate
from service.settings import Settings

Clock = Callable[[], datetime]

_LATEST = """
SELECT f.rewrite_id, f.key_name, v.version, f.created_at, v.created_at, f.issued_at, v.rating, v.reason,
       v.accepted, v.final_reply, f.request_json, f.response_json
FROM rewrite_feedback f
JOIN feedback_version v ON v.rewrite_id = f.rewrite_id AND v.key_name = f.key_name
WHERE v.version = (SELECT MAX(version) FROM feedback_version w
                   WHERE w.rewrite_id = f.rewrite_id AND w.key_name = f.key_name)
"""


class Cursor(Protocol):
    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Connection(Protocol):
    """What both drivers' connections offer (``sqlite3.Connection``, ``psycopg.Connection``)."""

    def execute(self, sql: Any, params: Any = ..., /) -> Any: ...


def utc_now() -> datetime:
    return datetime.now(UTC)


def feedback_path(settings: Settings) -> Path:
    """The SQLite file: the path of a ``sqlite:///`` database URL, else ``<data_dir>/feedback.sqlite``."""
    url = settings.database_url.get_secret_value() if settings.database_url else None
    if url and url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///"))
    return settings.resolved_data_dir / "feedback.sqlite"


def iso_time(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="seconds")
    return str(value)


class FeedbackStore(abc.ABC):
    backend: Backend
    order_column = "f.created_at"
    """How records are ordered when listed: by creation, then the backend's insertion order."""

    def __init__(self, *, retention_days: int | None = None, clock: Clock = utc_now) -> None:
        self.retention_days = retention_days
        self.clock = clock
        self._migrated = False
        self._migrating = threading.Lock()

    @classmethod
    def for_settings(cls, settings: Settings) -> FeedbackStore:
        """The store ``TACTFUL_DATABASE_URL`` names (the PostgreSQL driver is imported only when used)."""
        url = settings.database_url.get_secret_value() if settings.database_url else None
        if url is not None and url.startswith(("postgresql://", "postgres://")):
            try:
                from service.feedback._postgres import PostgresStore
            except ImportError as exc:  # the driver is an optional extra
                raise ConfigError(
                    f"TACTFUL_DATABASE_URL names PostgreSQL but its driver is not installed ({exc.name}): "
                    "pip install 'tactful[postgres]'"
                ) from None
            return PostgresStore(url, retention_days=settings.feedback_retention_days)
        from service.feedback._sqlite import SqliteStore

        return SqliteStore(feedback_path(settings), retention_days=settings.feedback_retention_days)

    # --- what a backend provides -----------------------------------------------------------------
    @abc.abstractmethod
    def _connection(self) -> contextlib.AbstractContextManager[Connection]:
        """A connection inside one transaction: committed when the block ends, rolled back if it raises."""

    @abc.abstractmethod
    def _migrate(self) -> int:
        """Apply the pending migrations under the backend's lock; the schema version reached."""

    @abc.abstractmethod
    def _is_duplicate(self, exc: Exception) -> bool:
        """``exc`` is the driver's unique-key violation."""

    def _empty(self) -> bool:
        """True when the database surely holds nothing (a file not created yet), so reading needs no connection."""
        return False

    def _sql(self, sql: str) -> str:
        """The query in the driver's parameter style (written with ``?``)."""
        return sql

    def _time(self, at: datetime) -> object:
        return at.isoformat(timespec="seconds")

    def _json(self, data: str) -> object:
        return data

    @abc.abstractmethod
    def close(self) -> None:
        """Release the connections the store keeps."""

    def __enter__(self) -> FeedbackStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- shared by both ------------------------------------------------------------------------
    def migrate(self) -> int:
        """Bring the schema up to date (also done on first use); the version it is at."""
        with self._migrating:
            version = self._migrate()
            self._migrated = True
            return version

    @contextlib.contextmanager
    def _connect(self) -> Iterator[Connection]:
        if not self._migrated:
            self.migrate()
        with self._connection() as conn:
            yield conn

    def _apply(self, conn: Connection, current: int) -> int:
        steps: tuple[Migration, ...] = pending(self.backend, current)
        for step in steps:
            for statement in step.statements:
                conn.execute(statement)
            conn.execute(self._sql("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)"),
                         (step.version, step.name, iso_time(self.clock())))
        return current + len(steps)

    def _execute(self, conn: Connection, sql: str, params: tuple[object, ...] = ()) -> Cursor:
        cursor: Cursor = conn.execute(self._sql(sql), params)
        return cursor

    def cutoff(self) -> datetime | None:
        """Records created before this time are past the retention (``None``: kept forever)."""
        if self.retention_days is None:
            return None
        return self.clock() - timedelta(days=self.retention_days)

    def purge(self) -> int:
        """Delete the records past the retention; how many were deleted."""
        cutoff = self.cutoff()
        if cutoff is None or self._empty():
            return 0
        with self._connect() as conn:
            return self._execute(conn, "DELETE FROM rewrite_feedback WHERE created_at < ?",
                                 (self._time(cutoff),)).rowcount

    def save(self, feedback: FeedbackIn, key: str, *, issued_at: datetime | None = None) -> FeedbackSaved:
        """Store the first verdict on a rewrite for this key; :class:`Conflict` if there is one already."""
        self.purge()
        now = self._time(self.clock())
        emotion = feedback.response.emotion
        with self._connect() as conn:
            try:
                self._execute(
                    conn,
                    "INSERT INTO rewrite_feedback (rewrite_id, key_name, created_at, issued_at, locale, emotion, "
                    "degraded, request_json, response_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        feedback.id,
                        key,
                        now,
                        self._time(issued_at) if issued_at else None,
                        feedback.response.locale,
                        emotion.label if emotion else None,
                        feedback.response.degraded,
                        self._json(feedback.request.model_dump_json()),
                        self._json(feedback.response.model_dump_json()),
                    ),
                )
            except Exception as exc:
                if not self._is_duplicate(exc):
                    raise
                raise Conflict(
                    f"feedback on rewrite {feedback.id} is already stored for this key; "
                    f"change it with PATCH /feedback/{feedback.id}",
                    field="id",
                ) from None
            self._insert_version(conn, feedback.id, key, 1, now, feedback.rating, feedback.reason,
                                 feedback.accepted, feedback.final_reply)
        return FeedbackSaved(id=feedback.id, version=1, created=True)

    def append(self, rewrite_id: str, key: str, update: FeedbackUpdate) -> FeedbackSaved:
        """A new version: the latest one with the fields ``update`` sets replaced."""
        with self._connect() as conn:
            row = self._execute(
                conn,
                "SELECT version, rating, reason, accepted, final_reply FROM feedback_version "
                "WHERE rewrite_id = ? AND key_name = ? ORDER BY version DESC LIMIT 1",
                (rewrite_id, key),
            ).fetchone()
            if row is None:
                raise NotFound(f"no feedback on rewrite {rewrite_id} for this key; POST /feedback first", field="id")
            version, rating, reason, accepted, final_reply = row
            changes = update.model_dump(exclude_none=True)
            try:
                self._insert_version(
                    conn, rewrite_id, key, version + 1, self._time(self.clock()),
                    changes.get("rating", rating), changes.get("reason", reason),
                    bool(changes.get("accepted", accepted)), changes.get("final_reply", final_reply),
                )
            except Exception as exc:  # another replica appended the same version first
                if not self._is_duplicate(exc):
                    raise
                raise Conflict(f"feedback on rewrite {rewrite_id} changed meanwhile; send the change again",
                               field="id") from None
        return FeedbackSaved(id=rewrite_id, version=version + 1, created=False)

    def _insert_version(self, conn: Connection, rewrite_id: str, key: str, version: int, at: object,
                        rating: str | None, reason: str | None, accepted: bool, final_reply: str | None) -> None:
        self._execute(
            conn,
            "INSERT INTO feedback_version (rewrite_id, key_name, version, created_at, rating, reason, accepted, "
            "final_reply) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (rewrite_id, key, version, at, rating, reason, accepted, final_reply),
        )

    def _latest(self, where: str = "", params: tuple[object, ...] = ()) -> list[FeedbackRecord]:
        if self._empty():
            return []
        cutoff = self.cutoff()
        if cutoff is not None:
            where, params = where + " AND f.created_at >= ?", (*params, self._time(cutoff))
        with self._connect() as conn:
            rows = self._execute(conn, f"{_LATEST}{where} ORDER BY {self.order_column}", params).fetchall()
        return [_record(row) for row in rows]

    def all(self) -> list[FeedbackRecord]:
        """Every record within the retention, as its latest version, oldest first; none without a database."""
        return self._latest()

    def get(self, rewrite_id: str, key: str | None = None) -> FeedbackRecord | None:
        """The latest version of the record for this id (and key, when given)."""
        if key is None:
            found = self._latest(" AND f.rewrite_id = ?", (rewrite_id,))
        else:
            found = self._latest(" AND f.rewrite_id = ? AND f.key_name = ?", (rewrite_id, key))
        return found[0] if found else None

    def versions(self, rewrite_id: str, key: str) -> int:
        if self._empty():
            return 0
        with self._connect() as conn:
            row = self._execute(
                conn, "SELECT COUNT(*) FROM feedback_version WHERE rewrite_id = ? AND key_name = ?", (rewrite_id, key)
            ).fetchone()
        return int(row[0])


def _loaded(value: object) -> object:
    return json.loads(value) if isinstance(value, (str, bytes)) else value


def _record(row: tuple[object, ...]) -> FeedbackRecord:
    (id_, key, version, created, updated, issued, rating, reason, accepted, final_reply,
     request_json, response_json) = row
    return FeedbackRecord.model_validate(
        {
            "id": id_,
            "key": key,
            "version": version,
            "created_at": iso_time(created),
            "updated_at": iso_time(updated),
            "issued_at": iso_time(issued),
            "rating": rating,
            "reason": reason,
            "accepted": bool(accepted),
            "final_reply": final_reply,
            "request": _loaded(request_json),
            "response": _loaded(response_json),
        }
    )
