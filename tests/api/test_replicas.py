"""Stateless replicas: with one TACTFUL_ID_SECRET and one PostgreSQL database, any replica takes feedback
on any other's rewrite, conflicts and versions hold across them, and one export sees it all."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from evals.feedback import export_feedback
from service.api.main import create_app
from service.feedback import FeedbackStore
from service.llm import FakeGenerator
from service.settings import Settings
from tests.api.conftest import zh_body
from tests.chain.conftest import ZH_OUTPUTS

SECRET = "one-secret-for-every-replica-0123456789"


def _replica(home: Path, url: str, secret: str | None = SECRET) -> TestClient:
    settings = Settings(model="openai/test-model", home=home, database_url=url, id_secret=secret)
    return TestClient(create_app(settings, generate=FakeGenerator({k: list(v) for k, v in ZH_OUTPUTS.items()})))


@pytest.fixture
def replicas(tmp_path: Path, postgres_url: str) -> Iterator[list[TestClient]]:
    with ExitStack() as stack:  # separate homes: nothing shared but the secret and the database
        yield [stack.enter_context(_replica(tmp_path / name, postgres_url)) for name in ("a", "b")]


def _rewrite(client: TestClient) -> tuple[dict[str, Any], dict[str, Any]]:
    request = zh_body()
    response = client.post("/rewrite", json=request)
    assert response.status_code == 200
    return request, response.json()


def test_feedback_goes_to_any_replica(replicas: list[TestClient], tmp_path: Path, postgres_url: str) -> None:
    a, b = replicas
    request, response = _rewrite(a)
    body = {"id": response["id"], "rating": "down", "request": request, "response": response}
    assert b.post("/feedback", json=body).status_code == 201
    assert a.post("/feedback", json=body).status_code == 409, "stored once, whichever replica is asked"
    patched = a.patch(f"/feedback/{response['id']}", json={"accepted": True, "final_reply": response["reply"]})
    assert patched.status_code == 200 and patched.json()["version"] == 2
    ops = Settings(home=tmp_path / "ops", database_url=postgres_url)
    with FeedbackStore.for_settings(ops) as store:
        (record,) = store.all()
    assert (record.id, record.version, record.rating, record.accepted) == (response["id"], 2, "down", True)
    summary = export_feedback(ops, tmp_path / "out.yaml")
    assert summary.cases + len(summary.skipped) == 1, "the export sees the record both replicas wrote"


def test_a_replica_with_another_secret_refuses_the_ids(tmp_path: Path, postgres_url: str,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    with _replica(tmp_path / "a", postgres_url) as a:
        request, response = _rewrite(a)
    with caplog.at_level(logging.WARNING, logger="tactful"), _replica(tmp_path / "c", postgres_url, None) as c:
        refused = c.post("/feedback", json={"id": response["id"], "rating": "up", "request": request,
                                            "response": response})
    assert refused.status_code == 422 and "did not issue" in refused.json()["detail"]
    assert "TACTFUL_ID_SECRET is not set" in caplog.text
