"""Profiles over the API: listed at /profiles, chosen per request, per key or by default, shown in the trace."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from service.api.main import create_app
from service.llm import FakeGenerator
from service.settings import Settings
from tests.api.conftest import zh_body
from tests.chain.conftest import ZH_OUTPUTS

PROBLEM = "application/problem+json"
BANK_KEY = "tk-bank-desk-7a6b5c4d3e2f1a0b"
PLAIN_KEY = "tk-plain-desk-0f1e2d3c4b5a6978"


def _fake() -> FakeGenerator:
    return FakeGenerator({k: list(v) * 4 for k, v in ZH_OUTPUTS.items()})


def _profile_of(resp_json: dict[str, object]) -> list[str]:
    trace = resp_json["trace"]
    assert isinstance(trace, list)
    return [t["prompt"] for t in trace if t["step"] == "profile"]


def test_profiles_are_listed(client: TestClient) -> None:
    resp = client.get("/profiles")
    assert resp.status_code == 200
    body = resp.json()
    assert body["default"] is None and body["key_profile"] is None
    assert [p["name"] for p in body["profiles"]] == ["bank-zh", "retail-en"]
    bank = body["profiles"][0]
    assert bank["signature"] == "星河银行信用卡中心" and bank["policy"] and bank["pressure_phrases"]


def test_a_request_names_its_profile_and_the_trace_shows_it(client: TestClient, fake: FakeGenerator) -> None:
    for name, outputs in ZH_OUTPUTS.items():
        fake.push(name, *outputs)
    plain = client.post("/rewrite", json=zh_body()).json()
    bank = client.post("/rewrite", json=zh_body(profile="bank-zh")).json()
    assert _profile_of(plain) == [] and _profile_of(bank) == ["bank-zh@1"]
    assert [t["step"] for t in bank["trace"]][:2] == ["queue", "profile"]
    assert not bank["degraded"] and bank["usage"]["model_calls"] == plain["usage"]["model_calls"] == 2
    compose = "\n".join(m["content"] for m in fake.calls_for("compose")[-1].messages)
    assert "7天内申请复核" in compose and "星河银行信用卡中心" in compose, "the model is asked with the profile's facts"


def test_an_unknown_profile_is_a_422_problem_before_any_model_call(client: TestClient, fake: FakeGenerator) -> None:
    for path in ("/rewrite", "/rewrite/stream"):
        resp = client.post(path, json=zh_body(profile="nope"))
        assert resp.status_code == 422 and resp.headers["content-type"].startswith(PROBLEM)
        assert resp.json()["errors"][0]["field"] == "profile"
        assert "known: bank-zh, retail-en" in resp.json()["detail"]
    assert not fake.calls


def test_a_key_profile_applies_unless_the_request_names_another(tmp_path: Path) -> None:
    keys = {"bank": {"key": BANK_KEY, "profile": "bank-zh"}, "plain": PLAIN_KEY}
    settings = Settings(model="openai/m", home=tmp_path, api_keys=keys)  # type: ignore[arg-type]
    with TestClient(create_app(settings, generate=_fake())) as c:
        by_key = c.post("/rewrite", json=zh_body(), headers={"X-API-Key": BANK_KEY}).json()
        overridden = c.post("/rewrite", json=zh_body(profile="retail-en"), headers={"X-API-Key": BANK_KEY}).json()
        other = c.post("/rewrite", json=zh_body(), headers={"X-API-Key": PLAIN_KEY}).json()
        listed = c.get("/profiles", headers={"X-API-Key": BANK_KEY}).json()
        streamed = c.post("/rewrite/stream", json=zh_body(), headers={"X-API-Key": BANK_KEY}).text
    assert _profile_of(by_key) == ["bank-zh@1"] and _profile_of(overridden) == ["retail-en@1"]
    assert _profile_of(other) == [] and listed["key_profile"] == "bank-zh"
    assert '"prompt":"bank-zh@1"' in streamed


def test_the_default_profile_applies_and_feedback_still_names_the_request_as_sent(tmp_path: Path) -> None:
    settings = Settings(model="openai/m", home=tmp_path, default_profile="bank-zh")
    with TestClient(create_app(settings, generate=_fake())) as c:
        resp = c.post("/rewrite", json=zh_body())
        assert c.get("/profiles").json()["default"] == "bank-zh"
        feedback = c.post("/feedback", json={"id": resp.json()["id"], "request": zh_body(), "response": resp.json(),
                                              "rating": "up"})  # fmt: skip
    assert _profile_of(resp.json()) == ["bank-zh@1"]
    assert feedback.status_code == 201, feedback.text
