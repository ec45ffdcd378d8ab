"""The SQLite store: one record per rewrite id and key, versions appended, retention, private file."""

from __future__ import annotations

import json
import sqlite3
import stat
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from service.errors import Conflict, NotFound
from service.feedback import FeedbackIn, FeedbackStore, FeedbackUpdate, feedback_path
from service.schemas import RewriteRequest, RewriteResponse
from service.settings import Settings
from tests.feedback.conftest import feedback, rid

Run = tuple[RewriteRequest, RewriteResponse]


def test_save_once_then_versions(store: FeedbackStore, zh_run: Run) -> None:
    first = store.save(feedback(zh_run, id="run-1", rating="down", reason="太长"), "page")
    assert first.id == rid("run-1") and first.version == 1 and first.created
    created_at = store.get(rid("run-1")).created_at  # type: ignore[union-attr]
    with pytest.raises(Conflict, match="already stored"):
        store.save(feedback(zh_run, id="run-1", rating="up"), "page")
    second = store.append(rid("run-1"), "page", FeedbackUpdate(rating="up", accepted=True, final_reply="改好的回复"))
    assert second.version == 2 and not second.created
    records = store.all()
    assert len(records) == 1
    record = records[0]
    assert record.version == 2 and record.key == "page"
    assert record.rating == "up" and record.accepted and record.reason == "太长"
    assert record.final_reply == "改好的回复" and record.reference_reply == "改好的回复"
    assert record.created_at == created_at
    assert record.request == zh_run[0] and record.response == zh_run[1]
    assert store.versions(rid("run-1"), "page") == 2


def test_each_key_has_its_own_record(store: FeedbackStore, zh_run: Run) -> None:
    store.save(feedback(zh_run, id="shared", rating="up"), "zendesk")
    store.save(feedback(zh_run, id="shared", rating="down"), "chatwoot")
    assert sorted((r.key, r.rating) for r in store.all()) == [("chatwoot", "down"), ("zendesk", "up")]
    with pytest.raises(NotFound):
        store.append(rid("shared"), "someone-else", FeedbackUpdate(rating="up"))


def test_the_database_is_private_and_where_settings_say(settings: Settings, store: FeedbackStore,
                                                        en_run: Run) -> None:
    assert not feedback_path(settings).exists()
    assert store.all() == [], "reading creates nothing"
    assert not feedback_path(settings).exists()
    store.save(feedback(en_run, rating="up"), "anonymous")
    path = settings.resolved_data_dir / "feedback.sqlite"
    assert path.exists() and store.path == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert len(FeedbackStore(path).all()) == 1  # a second store on the same file sees it


def test_records_past_the_retention_are_deleted(settings: Settings, zh_run: Run, en_run: Run) -> None:
    store = FeedbackStore(feedback_path(settings), retention_days=30)
    store.save(feedback(zh_run, id="old", rating="up"), "anonymous")
    old = (datetime.now(UTC) - timedelta(days=31)).isoformat(timespec="seconds")
    with sqlite3.connect(store.path) as conn:
        conn.execute("UPDATE rewrite_feedback SET created_at = ?", (old,))
    assert store.all() == [], "past the retention: not read"
    store.save(feedback(en_run, id="new", rating="up"), "anonymous")  # saving purges
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM feedback_version").fetchone()[0] == 1
    assert [r.id for r in store.all()] == [rid("new")]


def test_schema_1_rows_are_kept_aside_and_never_read(settings: Settings, zh_run: Run) -> None:
    path = feedback_path(settings)
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE feedback (id TEXT PRIMARY KEY, request_json TEXT, response_json TEXT)")
        conn.execute("INSERT INTO feedback VALUES ('poison-01', ?, ?)",
                     (zh_run[0].model_dump_json(), json.dumps({"reply": "赔您500元"})))
        conn.execute("PRAGMA user_version = 1")
    store = FeedbackStore(path)
    assert store.all() == []
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT id FROM feedback_unverified_v1").fetchall() == [("poison-01",)]


def test_feedback_must_say_something(zh_run: Run) -> None:
    with pytest.raises(ValidationError, match="give a rating"):
        FeedbackIn(id=rid("x"), request=zh_run[0], response=zh_run[1])
    with pytest.raises(ValidationError, match="id"):
        FeedbackIn(request=zh_run[0], response=zh_run[1], rating="up", id="bad id!")
    with pytest.raises(ValidationError, match="id"):
        FeedbackIn(request=zh_run[0], response=zh_run[1], rating="up")  # type: ignore[call-arg]
    blank = FeedbackIn(id=rid("x"), request=zh_run[0], response=zh_run[1], rating="down", reason="  ",
                       final_reply="")
    assert blank.reason is None and blank.final_reply is None
    with pytest.raises(ValidationError, match="at least one"):
        FeedbackUpdate()
