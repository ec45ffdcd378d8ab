"""POST /rewrite/stream: events in order, the final event is the /rewrite contract, errors before the stream."""

from __future__ import annotations

import asyncio
import json
from collections.abc import MutableMapping
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.api.main import create_app
from service.api.routes import stream
from service.engine import build_deps
from service.errors import ModelUnavailable
from service.llm import FakeGenerator, GenerateRequest, GenerateResult
from service.schemas import RewriteResponse
from service.settings import Settings
from tests.api.conftest import zh_body
from tests.chain.conftest import ZH_OUTPUTS

PROBLEM = "application/problem+json"


def parse_sse(text: str) -> tuple[list[tuple[str, dict[str, Any]]], list[str]]:
    """(events as (type, data), comment lines) of an SSE body."""
    events: list[tuple[str, dict[str, Any]]] = []
    comments: list[str] = []
    assert text.endswith("\n\n"), "every SSE block ends with a blank line"
    for block in text.split("\n\n"):
        if not block:
            continue
        lines = block.split("\n")
        if all(line.startswith(":") for line in lines):
            comments.extend(lines)
            continue
        assert len(lines) == 2 and lines[0].startswith("event: ") and lines[1].startswith("data: "), block
        events.append((lines[0].removeprefix("event: "), json.loads(lines[1].removeprefix("data: "))))
    return events, comments


def _comparable(data: dict[str, Any]) -> dict[str, Any]:
    """A response without what differs between two runs of the same chain: timings and the issued id."""
    assert data["id"].startswith("rw_")
    out = {k: v for k, v in data.items() if k not in ("elapsed_ms", "id")}
    out["trace"] = sorted(({k: v for k, v in t.items() if k != "latency_ms"} for t in data["trace"]),
                          key=lambda t: t["step"])
    return out


def test_events_arrive_in_chain_order_and_end_with_done(client: TestClient) -> None:
    resp = client.post("/rewrite/stream", json=zh_body())
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/event-stream")
    assert resp.headers["cache-control"] == "no-cache"
    events, comments = parse_sse(resp.text)
    types = [t for t, _ in events]
    assert set(types) == {"emotion", "empathy", "plan", "reply", "checks", "done"}
    assert types[-1] == "done" and types[-2] == "checks"
    assert types[0] == "emotion", "a keyword estimate comes first"
    assert types.index("empathy") < types.index("reply") and types.index("plan") < types.index("reply")
    assert comments == [": stream open"]
    emotions = [d for t, d in events if t == "emotion"]
    assert emotions[0]["source"] == "keywords" and emotions[-1]["source"] == "model"
    assert emotions[-1]["emotion"]["label"] == "frustration"
    assert emotions[-1]["emotion"]["evidence"] == ["打了两次电话都说在处理"]
    data = dict(events)
    assert "两次" in data["empathy"]["text"]
    assert [s["owner"] for s in data["plan"]["steps"]] == ["agent", "customer"] or data["plan"]["steps"]
    replies = [d for t, d in events if t == "reply"]
    assert replies[-1] == {"reply": ZH_OUTPUTS["compose"][0]["reply"], "revised": False}
    assert all(c["passed"] for c in data["checks"]["checks"] if c["hard"])


def test_done_carries_exactly_what_rewrite_returns(client: TestClient, fake: FakeGenerator) -> None:
    streamed = dict(parse_sse(client.post("/rewrite/stream", json=zh_body()).text)[0])["done"]
    for name, outputs in ZH_OUTPUTS.items():
        fake.push(name, *outputs)
    plain = client.post("/rewrite", json=zh_body())
    assert plain.status_code == 200
    RewriteResponse.model_validate(streamed)
    assert _comparable(streamed) == _comparable(plain.json())


def test_degraded_stream_sends_the_draft_then_done(client: TestClient, fake: FakeGenerator) -> None:
    fake.queues["read"].clear()
    fake.push("read", ModelUnavailable("connection refused", model="m", status=503, attempts=3))
    events, _ = parse_sse(client.post("/rewrite/stream", json=zh_body()).text)
    types = [t for t, _ in events]
    assert "reply" not in types and "checks" not in types
    assert types[-2:] == ["error", "done"]
    error, done = events[-2][1], events[-1][1]
    draft = zh_body()["draft"]
    assert error["degraded"] is True and error["reply"] == draft
    assert error["warnings"][0].startswith("degraded")
    assert done["degraded"] is True and done["reply"] == draft and done["warnings"] == error["warnings"]
    assert done["emotion"]["label"] == "frustration", "the keyword analysis still helps"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (zh_body(draft=""), "draft"),
        (zh_body(channel="fax"), "channel"),
        ({k: v for k, v in zh_body().items() if k != "customer_message"}, "customer_message"),
        (zh_body(surprise=True), "surprise"),
    ],
)
def test_invalid_body_is_a_422_problem_before_any_event(
    client: TestClient, fake: FakeGenerator, body: dict[str, Any], field: str
) -> None:
    resp = client.post("/rewrite/stream", json=body)
    assert resp.status_code == 422
    assert resp.headers["content-type"].startswith(PROBLEM)
    assert resp.json()["errors"][0]["field"] == field
    assert not fake.calls


def test_oversize_input_is_a_413_problem_before_any_event(client: TestClient, fake: FakeGenerator) -> None:
    resp = client.post("/rewrite/stream", json=zh_body(customer_message="很" * 2500))
    assert resp.status_code == 413
    assert resp.headers["content-type"].startswith(PROBLEM)
    assert "limit is 2000" in resp.json()["detail"]
    assert not fake.calls


def test_keepalive_comments_while_a_step_is_slow(api_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "PING_INTERVAL_S", 0.05)
    fake = FakeGenerator({k: list(v) for k, v in ZH_OUTPUTS.items()})

    async def slow(request: GenerateRequest) -> GenerateResult:
        if request.schema_name == "read":
            await asyncio.sleep(0.4)
        return await fake(request)

    with TestClient(create_app(api_settings, generate=slow)) as client:
        events, comments = parse_sse(client.post("/rewrite/stream", json=zh_body()).text)
    assert comments.count(": ping") >= 3
    assert [t for t, _ in events][-1] == "done"


def test_an_internal_error_still_returns_the_draft(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: Any, **kwargs: Any) -> RewriteResponse:
        raise RuntimeError("a bug, not a model error")

    monkeypatch.setattr(stream, "rewrite", broken)
    events, _ = parse_sse(client.post("/rewrite/stream", json=zh_body()).text)
    assert [t for t, _ in events] == ["error", "done"]
    done = RewriteResponse.model_validate(events[1][1])
    assert done.degraded and done.reply == zh_body()["draft"] and done.locale == "zh"
    assert "internal error" in done.warnings[0]


@pytest.mark.parametrize("spec_version", ["2.3", "2.4"])
async def test_client_disconnect_cancels_the_model_calls(api_settings: Settings, spec_version: str) -> None:
    """Both ways a server reports a disconnect: Starlette's listener (< 2.4) and our watcher (2.4+)."""
    started: list[str] = []
    cancelled: list[str] = []
    both_started = asyncio.Event()

    async def hanging(request: GenerateRequest) -> GenerateResult:
        started.append(request.schema_name)
        if len(started) == 1:
            both_started.set()
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            cancelled.append(request.schema_name)
            raise
        raise AssertionError("not reached")

    app = create_app(api_settings, generate=hanging)
    app.state.deps = build_deps(api_settings, hanging)
    body = json.dumps(zh_body()).encode()
    gone = asyncio.Event()
    sent: list[MutableMapping[str, Any]] = []
    body_sent = False

    async def receive() -> dict[str, Any]:
        nonlocal body_sent
        if not body_sent:
            body_sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await gone.wait()
        return {"type": "http.disconnect"}

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": spec_version},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/rewrite/stream",
        "raw_path": b"/rewrite/stream",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }
    task = asyncio.create_task(app(scope, receive, send))
    await asyncio.wait_for(both_started.wait(), 5)
    assert sent[0]["type"] == "http.response.start" and sent[0]["status"] == 200
    gone.set()
    await asyncio.wait_for(task, 5)
    for _ in range(100):
        if len(cancelled) == 1:
            break
        await asyncio.sleep(0.01)
    assert cancelled == ["read"]
