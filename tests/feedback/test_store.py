"""The feedback store on both backends: one record per id and key, versions appended, retention; and what is
particular to each: SQLite's private file and schema-1 rows, migrations recorded in schema_version."""

from __future__ import annotations

import json
import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError

from service.errors import Conflict, NotFound
from service.feedback import FeedbackIn, FeedbackStore, FeedbackUpdate, feedback_path
from service.feedback._migrate import latest
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


def test_records_past_the_retention_are_deleted(settings: Settings, zh_run: Run, en_run: Run) -> None:
    month_ago = datetime.now(UTC) - timedelta(days=31)
    with FeedbackStore.for_settings(settings) as then:
        then.clock = lambda: month_ago
        then.save(feedback(zh_run, id="old", rating="up"), "anonymous")
        assert [r.id for r in then.all()] == [rid("old")], "within the retention when it was stored"
    with FeedbackStore.for_settings(settings.model_copy(update={"feedback_retention_days": 30})) as store:
        assert store.all() == [], "past the retention: not read"
        assert store.versions(rid("old"), "anonymous") == 1, "... but only deleted by a purge"
        store.save(feedback(en_run, id="new", rating="up"), "anonymous")  # saving purges
        assert store.versions(rid("old"), "anonymous") == 0, "its versions went with it"
        assert [r.id for r in store.all()] == [rid("new")]


def test_records_list_oldest_first_and_get_finds_one(store: FeedbackStore, zh_run: Run, en_run: Run) -> None:
    for i in range(5):  # same second: the order they were stored in
        store.save(feedback(zh_run if i % 2 else en_run, id=f"n{i}", rating="up"), "page")
    assert [r.id for r in store.all()] == [rid(f"n{i}") for i in range(5)]
    found = store.get(rid("n3"), "page")
    assert found is not None and found.request == zh_run[0]
    assert store.get(rid("n3"), "other") is None and store.get(rid("missing")) is None


def test_the_schema_is_migrated_once_and_recorded(store: FeedbackStore, zh_run: Run) -> None:
    assert store.migrate() == latest(store.backend)
    store.save(feedback(zh_run, rating="up"), "page")
    assert store.migrate() == latest(store.backend), "a second start applies nothing"
    assert len(store.all()) == 1


@pytest.fixture
def sqlite_settings(tmp_path: Path) -> Settings:
    return Settings(model="openai/test-model", home=tmp_path)


def test_the_database_is_private_and_where_settings_say(sqlite_settings: Settings, en_run: Run) -> None:
    store = FeedbackStore.for_settings(sqlite_settings)
    assert not feedback_path(sqlite_settings).exists()
    assert store.all() == [], "reading creates nothing"
    assert not feedback_path(sqlite_settings).exists()
    store.save(feedback(en_run, rating="up"), "anonymous")
    path = sqlite_settings.resolved_data_dir / "feedback.sqlite"
    assert path.exists() and feedback_path(sqlite_settings) == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    elsewhere = Settings(model="openai/test-model", home=path.parent, database_url=f"sqlite:///{path}")
    assert len(FeedbackStore.for_settings(elsewhere).all()) == 1  # a second store on the same file sees it
    with sqlite3.connect(path) as conn:
        versions = conn.execute("SELECT version, name FROM schema_version ORDER BY version").fetchall()
    assert versions == [(1, "unsigned_feedback"), (2, "signed_feedback")]


def test_schema_1_rows_are_kept_aside_and_never_read(sqlite_settings: Settings, zh_run: Run) -> None:
    path = feedback_path(sqlite_settings)
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE feedback (id TEXT PRIMARY KEY, request_json TEXT, response_json TEXT)")
        conn.execute("INSERT INTO feedback VALUES ('poison-01', ?, ?)",
                     (zh_run[0].model_dump_json(), json.dumps({"reply": "赔您500元"})))
        conn.execute("PRAGMA user_version = 1")
    store = FeedbackStore.for_settings(sqlite_settings)
    assert store.all() == []
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT id FROM feedback_unverified_v1").fetchall() == [("poison-01",)]
        assert conn.execute("SELECT version, name FROM schema_version").fetchall() == [
            (1, "unsigned_feedback (adopted)"), (2, "signed_feedback")]


def test_a_schema_2_database_is_adopted_as_it_is(sqlite_settings: Settings, zh_run: Run) -> None:
    store = FeedbackStore.for_settings(sqlite_settings)
    store.save(feedback(zh_run, rating="up"), "page")
    with sqlite3.connect(feedback_path(sqlite_settings)) as conn:  # as the code before schema_version left it
        conn.execute("DROP TABLE schema_version")
        conn.execute("PRAGMA user_version = 2")
    again = FeedbackStore.for_settings(sqlite_settings)
    assert [r.rating for r in again.all()] == ["up"]
    assert again.migrate() == 2


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
