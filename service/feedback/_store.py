"""Feedback in SQLite: one record per rewrite id and key, each change a new version.

A record is created once (a second create for the same id and key raises :class:`~service.errors.Conflict`);
later changes append versions, earlier ones stay. Records older than the retention are deleted.
Records of schema 1 (unsigned ids, any client could write them) are kept in ``feedback_unverified_v1``
and never exported.

The database holds customer messages, so the file (and a data directory it creates) is private to its owner.
Every operation opens its own short connection: the store is safe to use from worker threads.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from service.errors import Conflict, NotFound
from service.feedback._models import FeedbackIn, FeedbackRecord, FeedbackSaved, FeedbackUpdate
from service.settings import Settings

SCHEMA_VERSION = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS rewrite_feedback (
    rewrite_id    TEXT NOT NULL,
    key_name      TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    issued_at     TEXT,
    locale        TEXT NOT NULL,
    emotion       TEXT,
    degraded      INTEGER NOT NULL DEFAULT 0,
    request_json  TEXT NOT NULL,
    response_json TEXT NOT NULL,
    PRIMARY KEY (rewrite_id, key_name)
);
CREATE TABLE IF NOT EXISTS feedback_version (
    rewrite_id    TEXT NOT NULL,
    key_name      TEXT NOT NULL,
    version       INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    rating        TEXT CHECK (rating IN ('up', 'down')),
    reason        TEXT,
    accepted      INTEGER NOT NULL DEFAULT 0,
    final_reply   TEXT,
    PRIMARY KEY (rewrite_id, key_name, version),
    FOREIGN KEY (rewrite_id, key_name) REFERENCES rewrite_feedback (rewrite_id, key_name) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS rewrite_feedback_created ON rewrite_feedback (created_at);
"""

_LATEST = """
SELECT f.rewrite_id, f.key_name, v.version, f.created_at, v.created_at, f.issued_at, v.rating, v.reason,
       v.accepted, v.final_reply, f.request_json, f.response_json
FROM rewrite_feedback f
JOIN feedback_version v ON v.rewrite_id = f.rewrite_id AND v.key_name = f.key_name
WHERE v.version = (SELECT MAX(version) FROM feedback_version w
                   WHERE w.rewrite_id = f.rewrite_id AND w.key_name = f.key_name)
"""


def feedback_path(settings: Settings) -> Path:
    return settings.resolved_data_dir / "feedback.sqlite"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    if version == 1:  # schema 1: one unsigned row per client-chosen id; keep it aside, never export it
        conn.execute("ALTER TABLE feedback RENAME TO feedback_unverified_v1")
    conn.executescript(_SCHEMA)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


class FeedbackStore:
    def __init__(self, path: Path, *, retention_days: int | None = None) -> None:
        self.path = path
        self.retention_days = retention_days

    @classmethod
    def for_settings(cls, settings: Settings) -> FeedbackStore:
        return cls(feedback_path(settings), retention_days=settings.feedback_retention_days)

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        if not self.path.exists():
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.path.touch(mode=0o600)
        conn = sqlite3.connect(self.path, timeout=10.0)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version < SCHEMA_VERSION:
                with conn:
                    _migrate(conn, version)
            with conn:
                yield conn
        finally:
            conn.close()

    def cutoff(self) -> str | None:
        """Records created before this ISO time are past the retention (``None``: kept forever)."""
        if self.retention_days is None:
            return None
        return (datetime.now(UTC) - timedelta(days=self.retention_days)).isoformat(timespec="seconds")

    def purge(self) -> int:
        """Delete the records past the retention; how many were deleted."""
        cutoff = self.cutoff()
        if cutoff is None or not self.path.exists():
            return 0
        with self._connect() as conn:
            return conn.execute("DELETE FROM rewrite_feedback WHERE created_at < ?", (cutoff,)).rowcount

    def save(self, feedback: FeedbackIn, key: str, *, issued_at: datetime | None = None) -> FeedbackSaved:
        """Store the first verdict on a rewrite for this key; :class:`Conflict` if there is one already."""
        self.purge()
        now = _now()
        emotion = feedback.response.emotion
        with self._connect() as conn:
            try:
                conn.execute(
                    "INSERT INTO rewrite_feedback (rewrite_id, key_name, created_at, issued_at, locale, emotion, "
                    "degraded, request_json, response_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        feedback.id,
                        key,
                        now,
                        issued_at.isoformat(timespec="seconds") if issued_at else None,
                        feedback.response.locale,
                        emotion.label if emotion else None,
                        int(feedback.response.degraded),
                        feedback.request.model_dump_json(),
                        feedback.response.model_dump_json(),
                    ),
                )
            except sqlite3.IntegrityError:
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
            row = conn.execute(
                "SELECT version, rating, reason, accepted, final_reply FROM feedback_version "
                "WHERE rewrite_id = ? AND key_name = ? ORDER BY version DESC LIMIT 1",
                (rewrite_id, key),
            ).fetchone()
            if row is None:
                raise NotFound(f"no feedback on rewrite {rewrite_id} for this key; POST /feedback first", field="id")
            version, rating, reason, accepted, final_reply = row
            changes = update.model_dump(exclude_none=True)
            self._insert_version(
                conn, rewrite_id, key, version + 1, _now(),
                changes.get("rating", rating), changes.get("reason", reason),
                bool(changes.get("accepted", accepted)), changes.get("final_reply", final_reply),
            )
        return FeedbackSaved(id=rewrite_id, version=version + 1, created=False)

    @staticmethod
    def _insert_version(conn: sqlite3.Connection, rewrite_id: str, key: str, version: int, at: str,
                        rating: str | None, reason: str | None, accepted: bool, final_reply: str | None) -> None:
        conn.execute(
            "INSERT INTO feedback_version (rewrite_id, key_name, version, created_at, rating, reason, accepted, "
            "final_reply) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (rewrite_id, key, version, at, rating, reason, int(accepted), final_reply),
        )

    def all(self) -> list[FeedbackRecord]:
        """Every record within the retention, as its latest version, oldest first; none without a database."""
        if not self.path.exists():
            return []
        cutoff = self.cutoff()
        with self._connect() as conn:
            if cutoff is None:
                rows = conn.execute(_LATEST + " ORDER BY f.created_at, f.rowid").fetchall()
            else:
                rows = conn.execute(_LATEST + " AND f.created_at >= ? ORDER BY f.created_at, f.rowid",
                                    (cutoff,)).fetchall()
        return [_record(row) for row in rows]

    def get(self, rewrite_id: str, key: str | None = None) -> FeedbackRecord | None:
        """The latest version of the record for this id (and key, when given)."""
        return next((r for r in self.all() if r.id == rewrite_id and (key is None or r.key == key)), None)

    def versions(self, rewrite_id: str, key: str) -> int:
        if not self.path.exists():
            return 0
        with self._connect() as conn:
            row = conn.execute(
                "SELECT COUNT(*) FROM feedback_version WHERE rewrite_id = ? AND key_name = ?", (rewrite_id, key)
            ).fetchone()
        return int(row[0])


def _record(row: tuple[object, ...]) -> FeedbackRecord:
    (id_, key, version, created, updated, issued, rating, reason, accepted, final_reply,
     request_json, response_json) = row
    return FeedbackRecord.model_validate(
        {
            "id": id_,
            "key": key,
            "version": version,
            "created_at": created,
            "updated_at": updated,
            "issued_at": issued,
            "rating": rating,
            "reason": reason,
            "accepted": bool(accepted),
            "final_reply": final_reply,
            "request": json.loads(str(request_json)),
            "response": json.loads(str(response_json)),
        }
    )
