"""What is particular to PostgreSQL: tables in the schema the URL names, migrations applied once when
replicas start together, a server that cannot be reached is a StoreUnavailable (not a hang, not a 500)."""

from __future__ import annotations

import threading
import time

import psycopg
import pytest

from service.errors import StoreUnavailable
from service.feedback import FeedbackStore
from service.feedback._migrate import latest
from service.feedback._postgres import PostgresStore
from service.schemas import RewriteRequest, RewriteResponse
from service.settings import Settings
from tests.feedback.conftest import feedback
from tests.servers import free_port

Run = tuple[RewriteRequest, RewriteResponse]


def test_replicas_starting_together_migrate_once(postgres_url: str, zh_run: Run) -> None:
    stores = [PostgresStore(postgres_url) for _ in range(4)]
    versions: list[int] = []
    threads = [threading.Thread(target=lambda s=s: versions.append(s.migrate())) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert versions == [latest("postgresql")] * 4
    stores[0].save(feedback(zh_run, rating="up"), "page")
    assert [r.rating for r in stores[3].all()] == ["up"], "one database for every replica"
    for store in stores:
        store.close()
    with psycopg.connect(postgres_url) as conn:
        rows = conn.execute("SELECT version, name FROM schema_version").fetchall()
        schemas = conn.execute("SELECT DISTINCT table_schema FROM information_schema.tables "
                               "WHERE table_name IN ('rewrite_feedback', 'feedback_version')").fetchall()
        search_path = conn.execute("SHOW search_path").fetchone()
    assert rows == [(1, "feedback")]
    assert search_path is not None and schemas == [(search_path[0],)], "the tables are where the URL says"


def test_a_database_that_cannot_be_reached_is_unavailable_fast(zh_run: Run) -> None:
    url = f"postgresql://tactful@127.0.0.1:{free_port()}/nothing"
    settings = Settings(model="openai/test-model", database_url=url)
    assert type(FeedbackStore.for_settings(settings)) is PostgresStore
    with PostgresStore(url, connect_timeout_s=1.0) as store:
        started = time.monotonic()
        with pytest.raises(StoreUnavailable, match="cannot be reached"):
            store.save(feedback(zh_run, rating="up"), "page")
        assert time.monotonic() - started < 5
        assert url not in repr(store)
