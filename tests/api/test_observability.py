"""Request ids, one JSON log line per request, Prometheus metrics, readiness without provider details, docs."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import httpx
import pytest
import respx
from fastapi.testclient import TestClient

from service.api.main import create_app
from service.errors import ModelUnavailable
from service.llm import FakeGenerator
from service.observability import JsonFormatter
from service.settings import Settings
from tests.api.conftest import zh_body
from tests.chain.conftest import ZH_OUTPUTS


def test_request_ids_are_accepted_or_made_and_echoed(client: TestClient) -> None:
    given = client.get("/healthz", headers={"X-Request-ID": "helpdesk-42.a"})
    assert given.headers["x-request-id"] == "helpdesk-42.a"
    made = client.get("/healthz").headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)
    hostile = client.get("/healthz", headers={"X-Request-ID": "x" * 500}).headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", hostile), "an over-long id is replaced, not echoed"


def test_every_problem_carries_the_request_id(client: TestClient) -> None:
    for resp in (
        client.post("/rewrite", json={"draft": ""}, headers={"X-Request-ID": "r-1"}),
        client.get("/nope", headers={"X-Request-ID": "r-2"}),
        client.post("/rewrite", content=b"{", headers={"X-Request-ID": "r-3", "content-type": "application/json"}),
        client.post("/rewrite", json=zh_body(draft="很" * 3000), headers={"X-Request-ID": "r-4"}),
    ):
        assert resp.status_code >= 400
        assert resp.headers["content-type"].startswith("application/problem+json")
        assert resp.json()["request_id"] == resp.headers["x-request-id"]


def test_a_bug_in_the_chain_returns_the_draft_with_the_id(api_settings: Settings) -> None:
    async def broken(request: object) -> object:
        raise RuntimeError("a bug")

    with TestClient(create_app(api_settings, generate=broken), raise_server_exceptions=False) as c:  # type: ignore[arg-type]
        resp = c.post("/rewrite", json=zh_body(), headers={"X-Request-ID": "bug-1"})
    assert resp.status_code == 200 and resp.headers["x-request-id"] == "bug-1"
    body = resp.json()
    assert body["degraded"] is True and body["reply"] == zh_body()["draft"]
    assert any("internal error" in w for w in body["warnings"])


def test_an_unexpected_error_outside_the_chain_is_a_500_problem_with_the_id(
    api_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from service.api import _serve as route

    async def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("a bug")

    monkeypatch.setattr(route, "rewrite", broken)
    with TestClient(create_app(api_settings, generate=FakeGenerator()), raise_server_exceptions=False) as c:
        resp = c.post("/rewrite", json=zh_body(), headers={"X-Request-ID": "bug-2"})
    assert resp.status_code == 500 and resp.json()["request_id"] == "bug-2"
    assert resp.headers["x-request-id"] == "bug-2"


def _access(caplog: pytest.LogCaptureFixture) -> list[dict[str, object]]:
    formatter = JsonFormatter()
    return [json.loads(formatter.format(r)) for r in caplog.records if r.name == "tactful.access"]


def test_one_json_line_per_request_without_customer_text(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        resp = client.post("/rewrite", json=zh_body(), headers={"X-Request-ID": "log-1"})
    lines = _access(caplog)
    assert len(lines) == 1
    line = lines[0]
    assert line["request_id"] == "log-1" and line["route"] == "/rewrite" and line["status"] == 200
    assert line["key"] == "anonymous" and line["degraded"] is False and line["model"] == "openai/test-model"
    assert isinstance(line["ms"], int) and line["prompt_tokens"] == resp.json()["usage"]["prompt_tokens"]
    assert line["queue_ms"] == 0
    text = json.dumps(lines, ensure_ascii=False)
    assert zh_body()["customer_message"] not in text and zh_body()["draft"] not in text


def test_log_content_puts_the_texts_in_the_line(api_settings: Settings, fake: FakeGenerator,
                                                caplog: pytest.LogCaptureFixture) -> None:
    settings = api_settings.model_copy(update={"log_content": True})
    with TestClient(create_app(settings, generate=fake)) as c, caplog.at_level(logging.INFO):
        c.post("/rewrite", json=zh_body())
    line = _access(caplog)[0]
    assert line["content"]["customer_message"] == zh_body()["customer_message"]  # type: ignore[index]


def test_a_degraded_rewrite_logs_why(api_settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    fake = FakeGenerator({k: list(v) for k, v in ZH_OUTPUTS.items()})
    fake.queues["read"].clear()
    fake.push("read", ModelUnavailable("connection refused", model="m", status=503, attempts=3))
    with TestClient(create_app(api_settings, generate=fake)) as c, caplog.at_level(logging.INFO):
        body = c.post("/rewrite", json=zh_body()).json()
        metrics = c.get("/metrics").text
    assert body["degraded"] and body["degraded_reason"] == "model_unavailable"
    assert body["reply"] == zh_body()["draft"]
    line = _access(caplog)[0]
    assert line["degraded"] is True and line["degraded_reason"] == "model_unavailable"
    assert 'tactful_degraded_total{reason="model_unavailable"} 1.0' in metrics
    assert 'tactful_model_call_errors_total{kind="model_unavailable",step="read"} 1.0' in metrics


def test_metrics_cover_requests_steps_tokens_checks_and_admission(client: TestClient) -> None:
    client.post("/rewrite", json=zh_body())
    client.get("/nope")
    text = client.get("/metrics").text
    for name in (
        'tactful_requests_total{method="POST",route="/rewrite",status="200"} 1.0',
        'tactful_requests_total{method="GET",route="unmatched",status="404"} 1.0',
        'tactful_request_duration_seconds_bucket{le="0.005",route="/rewrite"}',
        'tactful_step_duration_seconds_count{step="read"} 1.0',
        "tactful_queue_wait_seconds_count 1.0",
        'tactful_tokens_total{kind="prompt"}',
        'tactful_rewrites_total{outcome="ok"} 1.0',
        "tactful_inflight 0.0",
        "tactful_queue_depth 0.0",
        "tactful_capacity 16.0",
    ):
        assert name in text, name
    assert "tactful_check_failures_total" in text
    names = {line.split("{")[0].split(" ")[0] for line in text.splitlines() if line and not line.startswith("#")}
    assert all(n.startswith("tactful_") for n in names), names


def test_readyz_says_nothing_about_providers(tmp_path: Path) -> None:
    settings = Settings(model="openai/m", api_base="http://model.test/v1", api_key="sk-secret-123456", home=tmp_path,
                        api_keys={"ops": {"key": "tk-ops-0123456789abcdef", "scopes": ["admin"]}})
    respx.get("http://model.test/v1/models").mock(return_value=httpx.Response(200, json={"data": []}))
    with TestClient(create_app(settings, generate=FakeGenerator())) as c:
        public = c.get("/readyz")
        admin = c.get("/readyz", headers={"X-API-Key": "tk-ops-0123456789abcdef"})
    assert public.status_code == 200 and public.json() == {"status": "ready"}
    assert "model.test" not in public.text and "openai/m" not in public.text
    assert admin.json()["models"]["openai/m"]["reachable"] is True
    assert "model.test" not in admin.text and "sk-secret" not in admin.text


def test_docs_load_from_packaged_assets(client: TestClient) -> None:
    html = client.get("/docs").text
    urls = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html) + re.findall(r"url: '([^']+)'", html)
    assert urls and all(u.startswith("/") for u in urls), urls
    assert "cdn" not in html.lower() and "https://" not in html.replace("https://fastapi.tiangolo.com", "")
    js = client.get("/docs/assets/swagger-ui-bundle.js")
    assert js.status_code == 200 and "SwaggerUIBundle" in js.text[:2000]
    assert client.get("/docs/assets/swagger-ui.css").status_code == 200
    assert client.get("/docs/assets/../../settings.py").status_code == 404
    assert client.get("/redoc").status_code == 404
