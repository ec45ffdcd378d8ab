"""Feedback in SQLite: one row per rewrite, updated as the agent rates, edits and accepts.

The database holds customer messages, so the file (and a data directory it creates) is private to its owner.
Every operation opens its own short connection: the store is safe to use from worker threads.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from service.feedback._models import FeedbackIn, FeedbackRecord, FeedbackSaved
from service.settings import Settings

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    rating        TEXT CHECK (rating IN ('up', 'down')),
    reason        TEXT,
    accepted      INTEGER NOT NULL DEFAULT 0,
    final_reply   TEXT,
    locale        TEXT NOT NULL,
    emotion       TEXT,
    degraded      INTEGER NOT NULL DEFAULT 0,
    request_json  TEXT NOT NULL,
    response_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_updated ON feedback (updated_at);
"""

_UPSERT = """
INSERT INTO feedback (id, created_at, updated_at, rating, reason, accepted, final_reply, locale, emotion,
                      degraded, request_json, response_json)
VALUES (:id, :now, :now, :rating, :reason, :accepted, :final_reply, :locale, :emotion,
        :degraded, :request_json, :response_json)
ON CONFLICT (id) DO UPDATE SET
    updated_at = :now, rating = :rating, reason = :reason, accepted = :accepted,
    final_reply = :final_reply, locale = :locale, emotion = :emotion, degraded = :degraded,
    request_json = :request_json, response_json = :response_json
"""

_COLUMNS = "id, created_at, updated_at, rating, reason, accepted, final_reply, request_json, response_json"


def feedback_path(settings: Settings) -> Path:
    return settings.resolved_data_dir / "feedback.sqlite"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class FeedbackStore:
    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def for_settings(cls, settings: Settings) -> FeedbackStore:
        return cls(feedback_path(settings))

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        if not self.path.exists():
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.path.touch(mode=0o600)
        conn = sqlite3.connect(self.path, timeout=10.0)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version < SCHEMA_VERSION:
                conn.executescript(_SCHEMA)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            with conn:
                yield conn
        finally:
            conn.close()

    def save(self, feedback: FeedbackIn) -> FeedbackSaved:
        """Insert the feedback, or update the record with the same id."""
        record_id = feedback.id or uuid.uuid4().hex
        emotion = feedback.response.emotion
        params = {
            "id": record_id,
            "now": _now(),
            "rating": feedback.rating,
            "reason": feedback.reason,
            "accepted": int(feedback.accepted),
            "final_reply": feedback.final_reply,
            "locale": feedback.response.locale,
            "emotion": emotion.label if emotion else None,
            "degraded": int(feedback.response.degraded),
            "request_json": feedback.request.model_dump_json(),
            "response_json": feedback.response.model_dump_json(),
        }
        with self._connect() as conn:
            existed = conn.execute("SELECT 1 FROM feedback WHERE id = ?", (record_id,)).fetchone()
            conn.execute(_UPSERT, params)
        return FeedbackSaved(id=record_id, created=existed is None)

    def all(self) -> list[FeedbackRecord]:
        """Every record, oldest first; an absent database has none."""
        if not self.path.exists():
            return []
        with self._connect() as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM feedback ORDER BY created_at, rowid").fetchall()
        return [_record(row) for row in rows]

    def get(self, record_id: str) -> FeedbackRecord | None:
        if not self.path.exists():
            return None
        with self._connect() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM feedback WHERE id = ?", (record_id,)).fetchone()
        return _record(row) if row else None


def _record(row: tuple[object, ...]) -> FeedbackRecord:
    id_, created, updated, rating, reason, accepted, final_reply, request_json, response_json = row
    return FeedbackRecord.model_validate(
        {
            "id": id_,
            "created_at": created,
            "updated_at": updated,
            "rating": rating,
            "reason": reason,
            "accepted": bool(accepted),
            "final_reply": final_reply,
            "request": _json(request_json),
            "response": _json(response_json),
        }
    )


def _json(text: object) -> object:
    return json.loads(str(text))
