"""POST /rewrite: the contract, bad input as problem+json, degraded mode."""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.errors import ModelUnavailable
from service.llm import FakeGenerator
from service.schemas import RewriteResponse
from tests.api.conftest import zh_body

PROBLEM = "application/problem+json"


def test_rewrite_returns_the_full_contract(client: TestClient) -> None:
    resp = client.post("/rewrite", json=zh_body())
    assert resp.status_code == 200
    data = RewriteResponse.model_validate(resp.json())
    assert not data.degraded and data.locale == "zh"
    assert (
        data.emotion is not None and data.emotion.label == "frustration" and 1 <= data.emotion.intensity <= 5
    )
    assert data.empathy is not None and data.empathy.details
    assert data.plan and all(s.action and s.deadline for s in data.plan)
    assert data.checks and data.trace and data.usage.model_calls == 2
    assert {t.prompt.split("@")[0] for t in data.trace} >= {"read", "compose"}


def test_missing_draft_is_a_422_problem_naming_the_field(client: TestClient) -> None:
    body = zh_body()
    del body["draft"]
    resp = client.post("/rewrite", json=body)
    assert resp.status_code == 422
    assert resp.headers["content-type"].startswith(PROBLEM)
    problem = resp.json()
    assert problem["status"] == 422 and problem["detail"].startswith("draft")
    assert problem["errors"][0]["field"] == "draft"


def test_wrong_types_and_values_are_422(client: TestClient) -> None:
    for body, field in [
        (zh_body(channel="fax"), "channel"),
        (zh_body(locale="fr"), "locale"),
        (zh_body(draft=""), "draft"),
        (zh_body(policy="not a list"), "policy"),
        (zh_body(history=[{"role": "bot", "text": "x"}]), "history.0.role"),
        (zh_body(surprise=1), "surprise"),
    ]:
        resp = client.post("/rewrite", json=body)
        assert resp.status_code == 422, body
        assert resp.headers["content-type"].startswith(PROBLEM)
        assert resp.json()["errors"][0]["field"] == field


def test_malformed_json_is_422(client: TestClient) -> None:
    resp = client.post("/rewrite", content=b"{not json", headers={"content-type": "application/json"})
    assert resp.status_code == 422 and resp.headers["content-type"].startswith(PROBLEM)


def test_oversize_input_is_413(client: TestClient) -> None:
    resp = client.post("/rewrite", json=zh_body(customer_message="很" * 2500))
    assert resp.status_code == 413
    assert resp.headers["content-type"].startswith(PROBLEM)
    assert "TACTFUL_MAX_INPUT_CHARS" in resp.json()["detail"]


def test_huge_body_is_refused_before_parsing(client: TestClient) -> None:
    resp = client.post("/rewrite", content=b"x" * 200_000, headers={"content-type": "application/json"})
    assert resp.status_code == 413 and resp.headers["content-type"].startswith(PROBLEM)


def test_model_down_returns_the_draft_marked_degraded(client: TestClient, fake: FakeGenerator) -> None:
    fake.queues["read"].clear()
    fake.push("read", ModelUnavailable("connection refused", model="test-model", attempts=3))
    resp = client.post("/rewrite", json=zh_body())
    assert resp.status_code == 200
    data = resp.json()
    assert data["degraded"] is True
    assert data["reply"] == zh_body()["draft"]
    assert data["emotion"]["label"] == "frustration"
    assert any("read step failed" in w for w in data["warnings"])


def test_a_failed_rewrite_call_sends_the_assembled_reply(client: TestClient, fake: FakeGenerator) -> None:
    fake.queues["compose"].clear()
    fake.push("compose", ModelUnavailable("connection refused", model="test-model", attempts=3))
    data = client.post("/rewrite", json=zh_body()).json()
    assert data["degraded"] is False
    assert data["reply"].startswith("您好，您上周三申请的退款到现在没到账，打了两次电话")
    assert "请耐心等待" not in data["reply"]
    assert any("kept the assembled reply" in w for w in data["warnings"])


def test_unknown_route_is_a_problem(client: TestClient) -> None:
    resp = client.get("/nope")
    assert resp.status_code == 404 and resp.headers["content-type"].startswith(PROBLEM)


def test_openapi_has_chinese_and_english_examples(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    examples = spec["paths"]["/rewrite"]["post"]["requestBody"]["content"]["application/json"]["examples"]
    texts = " ".join(e["value"]["customer_message"] for e in examples.values())
    assert "退款" in texts and "internet" in texts
    assert client.get("/docs").status_code == 200
