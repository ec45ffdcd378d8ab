"""POST /feedback: store, update by id, refuse what is not feedback (problem+json)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from service.feedback import FeedbackStore
from service.settings import Settings
from tests.api.conftest import zh_body

PROBLEM = "application/problem+json"


def _rewrite(client: TestClient) -> tuple[dict[str, Any], dict[str, Any]]:
    request = zh_body()
    response = client.post("/rewrite", json=request)
    assert response.status_code == 200
    return request, response.json()


def test_rating_then_accepting_updates_one_record(client: TestClient, api_settings: Settings) -> None:
    request, response = _rewrite(client)
    first = client.post("/feedback", json={"id": "page-run-1", "rating": "down", "reason": "太客气了",
                                           "request": request, "response": response})
    assert first.status_code == 201 and first.json() == {"id": "page-run-1", "created": True}
    edited = response["reply"] + "我明天上午再给您回个电话。"
    second = client.post("/feedback", json={"id": "page-run-1", "rating": "up", "request": request,
                                            "response": response, "final_reply": edited, "accepted": True})
    assert second.status_code == 200 and second.json() == {"id": "page-run-1", "created": False}
    records = FeedbackStore.for_settings(api_settings).all()
    assert len(records) == 1
    record = records[0]
    assert record.rating == "up" and record.accepted and record.final_reply == edited
    assert record.response.reply == response["reply"] and record.request.draft == request["draft"]
    assert (api_settings.resolved_data_dir / "feedback.sqlite").exists()


def test_without_an_id_the_server_makes_one(client: TestClient) -> None:
    request, response = _rewrite(client)
    saved = client.post("/feedback", json={"rating": "up", "request": request, "response": response})
    assert saved.status_code == 201
    assert len(saved.json()["id"]) == 32


def test_not_feedback_is_a_422_problem(client: TestClient) -> None:
    request, response = _rewrite(client)
    base = {"request": request, "response": response}
    for body, field in [
        (base, "body"),  # neither a rating nor accepted
        ({**base, "rating": "meh"}, "rating"),
        ({**base, "rating": "up", "id": "../../etc"}, "id"),
        ({"rating": "up", "request": request}, "response"),
        ({**base, "rating": "up", "request": {**request, "draft": ""}}, "request.draft"),
        ({**base, "rating": "up", "extra": 1}, "extra"),
    ]:
        resp = client.post("/feedback", json=body)
        assert resp.status_code == 422, body
        assert resp.headers["content-type"].startswith(PROBLEM)
        assert resp.json()["errors"][0]["field"] == field
    missing = client.post("/feedback", json=base).json()
    assert "give a rating" in missing["detail"]
