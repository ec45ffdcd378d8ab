"""POST /feedback and PATCH /feedback/{id}: only for rewrites this server issued, once per id and key.

Every test runs on both feedback backends (SQLite and PostgreSQL: ``api_settings`` is overridden here).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.api.main import create_app
from service.feedback import FeedbackStore
from service.feedback._postgres import PostgresStore
from service.llm import FakeGenerator
from service.settings import Settings
from tests.api.conftest import zh_body
from tests.servers import free_port

PROBLEM = "application/problem+json"


@pytest.fixture
def api_settings(tmp_path: Path, database_url: str | None) -> Settings:
    return Settings(model="openai/test-model", home=tmp_path, max_input_chars=2000, database_url=database_url)


def _rewrite(client: TestClient) -> tuple[dict[str, Any], dict[str, Any]]:
    request = zh_body()
    response = client.post("/rewrite", json=request)
    assert response.status_code == 200
    return request, response.json()


def test_rate_then_accept_appends_versions_of_one_record(client: TestClient, api_settings: Settings) -> None:
    request, response = _rewrite(client)
    rid = response["id"]
    assert rid.startswith("rw_")
    first = client.post("/feedback", json={"id": rid, "rating": "down", "reason": "太客气了",
                                           "request": request, "response": response})
    assert first.status_code == 201 and first.json() == {"id": rid, "version": 1, "created": True}
    edited = response["reply"] + "我明天上午再给您回个电话。"
    second = client.patch(f"/feedback/{rid}", json={"rating": "up", "final_reply": edited, "accepted": True})
    assert second.status_code == 200 and second.json() == {"id": rid, "version": 2, "created": False}
    with FeedbackStore.for_settings(api_settings) as store:
        records = store.all()
        assert store.versions(rid, "anonymous") == 2
    assert len(records) == 1
    record = records[0]
    assert record.version == 2 and record.key == "anonymous"
    assert record.rating == "up" and record.accepted and record.final_reply == edited
    assert record.reason == "太客气了"  # kept from version 1
    assert record.response.reply == response["reply"] and record.request.draft == request["draft"]


def test_a_second_post_for_the_same_id_is_a_409(client: TestClient) -> None:
    request, response = _rewrite(client)
    body = {"id": response["id"], "rating": "up", "request": request, "response": response}
    assert client.post("/feedback", json=body).status_code == 201
    again = client.post("/feedback", json={**body, "rating": "down"})
    assert again.status_code == 409 and again.headers["content-type"].startswith(PROBLEM)
    assert "PATCH" in again.json()["detail"]


def test_ids_this_server_did_not_issue_are_refused(client: TestClient) -> None:
    request, response = _rewrite(client)
    rid = response["id"]
    forged = "rw_" + "0" * 48
    tampered = {**response, "reply": "我们承诺赔偿您500元。"}
    for body in [
        {"id": forged, "rating": "up", "request": request, "response": response},
        {"id": rid, "rating": "up", "request": request, "response": tampered},
        {"id": rid, "rating": "up", "request": {**request, "draft": "别的草稿"}, "response": response},
    ]:
        resp = client.post("/feedback", json=body)
        assert resp.status_code == 422, body
        assert resp.json()["errors"][0]["field"] == "id"
        assert "did not issue" in resp.json()["detail"]


def test_patch_without_a_record_is_404(client: TestClient) -> None:
    resp = client.patch("/feedback/rw_" + "a" * 48, json={"rating": "up"})
    assert resp.status_code == 404 and resp.headers["content-type"].startswith(PROBLEM)
    assert client.patch("/feedback/../../etc", json={"rating": "up"}).status_code in (404, 422)


def test_not_feedback_is_a_422_problem(client: TestClient) -> None:
    request, response = _rewrite(client)
    base = {"id": response["id"], "request": request, "response": response}
    for body, field in [
        (base, "body"),  # neither a rating nor accepted
        ({**base, "rating": "meh"}, "rating"),
        ({**base, "rating": "up", "id": "../../etc"}, "id"),
        ({"rating": "up", "id": response["id"], "request": request}, "response"),
        ({**base, "rating": "up", "request": {**request, "draft": ""}}, "request.draft"),
        ({**base, "rating": "up", "extra": 1}, "extra"),
        ({**base, "rating": "up", "response": {**response, "warnings": ["w"] * 41}}, "body"),
    ]:
        resp = client.post("/feedback", json=body)
        assert resp.status_code == 422, body
        assert resp.headers["content-type"].startswith(PROBLEM)
        assert resp.json()["errors"][0]["field"] == field
    missing = client.post("/feedback", json=base).json()
    assert "give a rating" in missing["detail"]
    assert client.patch(f"/feedback/{response['id']}", json={}).status_code == 422


def _chunks(data: bytes, size: int = 65_536) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


def test_the_size_limit_holds_for_chunked_bodies(client: TestClient, api_settings: Settings) -> None:
    request, response = _rewrite(client)
    huge = {"id": response["id"], "rating": "up", "request": request,
            "response": {**response, "reply": "很" * 5_000_000}}
    data = json.dumps(huge, ensure_ascii=False).encode()
    resp = client.post("/feedback", content=_chunks(data), headers={"content-type": "application/json"})
    assert resp.status_code == 413 and resp.headers["content-type"].startswith(PROBLEM)
    assert "limit" in resp.json()["detail"]
    with FeedbackStore.for_settings(api_settings) as store:
        assert store.all() == []
    declared = client.post("/feedback", content=data, headers={"content-type": "application/json"})
    assert declared.status_code == 413


def test_feedback_while_the_database_is_down_is_a_503_and_rewrites_go_on(tmp_path: Path, fake: FakeGenerator) -> None:
    url = f"postgresql://tactful:pw-not-shown@127.0.0.1:{free_port()}/tactful"
    app = create_app(Settings(model="openai/test-model", home=tmp_path, database_url=url), generate=fake)
    app.state.store = PostgresStore(url, connect_timeout_s=0.5)  # what settings gave, quicker to give up
    with TestClient(app) as client:
        request, response = _rewrite(client)  # the service starts and rewrites without its database
        resp = client.post("/feedback", json={"id": response["id"], "rating": "up", "request": request,
                                              "response": response})
        assert resp.status_code == 503 and resp.headers["content-type"].startswith(PROBLEM)
        assert resp.headers["retry-after"] == "5"
        assert "cannot be reached" in resp.json()["detail"] and "pw-not-shown" not in resp.text
        assert client.patch(f"/feedback/{response['id']}", json={"rating": "up"}).status_code == 503
