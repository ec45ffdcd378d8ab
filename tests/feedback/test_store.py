"""The SQLite store: one record per rewrite id, updated in place, private file, survives reopening."""

from __future__ import annotations

import stat

import pytest
from pydantic import ValidationError

from service.feedback import FeedbackIn, FeedbackStore, feedback_path
from service.schemas import RewriteRequest, RewriteResponse
from service.settings import Settings
from tests.feedback.conftest import feedback

Run = tuple[RewriteRequest, RewriteResponse]


def test_save_then_update_keeps_one_record(store: FeedbackStore, zh_run: Run) -> None:
    first = store.save(feedback(zh_run, id="run-0001", rating="down", reason="太长"))
    assert first.id == "run-0001" and first.created
    created_at = store.get("run-0001").created_at  # type: ignore[union-attr]
    second = store.save(feedback(zh_run, id="run-0001", rating="up", accepted=True, final_reply="改好的回复"))
    assert second.id == "run-0001" and not second.created
    records = store.all()
    assert len(records) == 1
    record = records[0]
    assert record.rating == "up" and record.accepted and record.reason is None
    assert record.final_reply == "改好的回复" and record.reference_reply == "改好的回复"
    assert record.created_at == created_at
    assert record.request == zh_run[0] and record.response == zh_run[1]


def test_without_an_id_each_save_is_a_new_record(store: FeedbackStore, zh_run: Run, en_run: Run) -> None:
    a = store.save(feedback(zh_run, rating="up"))
    b = store.save(feedback(en_run, accepted=True))
    assert a.id != b.id and a.created and b.created
    assert [r.id for r in store.all()] == [a.id, b.id]
    assert store.get(b.id).response.locale == "en"  # type: ignore[union-attr]
    assert store.get("nope-nope") is None


def test_the_database_is_private_and_where_settings_say(settings: Settings, store: FeedbackStore,
                                                        en_run: Run) -> None:
    assert not feedback_path(settings).exists()
    assert store.all() == [], "reading creates nothing"
    assert not feedback_path(settings).exists()
    store.save(feedback(en_run, rating="up"))
    path = settings.resolved_data_dir / "feedback.sqlite"
    assert path.exists() and store.path == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    # a second store on the same file sees the record (no in-memory state)
    assert len(FeedbackStore(path).all()) == 1


def test_feedback_must_say_something(zh_run: Run) -> None:
    with pytest.raises(ValidationError, match="give a rating"):
        FeedbackIn(request=zh_run[0], response=zh_run[1])
    with pytest.raises(ValidationError, match="id"):
        FeedbackIn(request=zh_run[0], response=zh_run[1], rating="up", id="bad id!")
    blank = FeedbackIn(request=zh_run[0], response=zh_run[1], rating="down", reason="  ", final_reply="")
    assert blank.reason is None and blank.final_reply is None
