"""Admission: bounded in flight and queue, 429 + Retry-After beyond, FIFO hand-over, per-key rates."""

from __future__ import annotations

import asyncio
import json
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.api._admission import Admission, RateLimiter, default_capacity
from service.api.main import create_app
from service.errors import Overloaded
from service.llm import FakeGenerator, GenerateRequest, GenerateResult
from service.settings import Settings
from tests.api.conftest import zh_body
from tests.chain.conftest import ZH_OUTPUTS


async def test_places_pass_to_waiters_in_order_and_the_queue_is_bounded() -> None:
    admission = Admission(capacity=2, max_queue=2, budget_s=60)
    a, b = await admission.acquire(), await admission.acquire()
    order: list[str] = []

    async def wait(name: str) -> None:
        ticket = await admission.acquire()
        order.append(name)
        ticket.release()

    c = asyncio.create_task(wait("c"))
    d = asyncio.create_task(wait("d"))
    await asyncio.sleep(0)
    assert admission.inflight == 2 and admission.queued == 2
    with pytest.raises(Overloaded) as info:
        await admission.acquire()
    assert info.value.status == 429 and info.value.reason == "queue_full" and info.value.retry_after >= 1
    a.release()
    a.release()  # idempotent
    await c
    b.release()
    await d
    assert order == ["c", "d"] and admission.inflight == 0 and admission.queued == 0


async def test_a_cancelled_waiter_leaves_the_queue_and_its_place_passes_on() -> None:
    admission = Admission(capacity=1, max_queue=5, budget_s=60)
    first = await admission.acquire()
    gone = asyncio.create_task(admission.acquire())
    stays = asyncio.create_task(admission.acquire())
    await asyncio.sleep(0)
    gone.cancel()
    await asyncio.sleep(0)
    assert admission.queued == 1
    first.release()
    ticket = await asyncio.wait_for(stays, 1)
    assert admission.inflight == 1
    ticket.release()
    assert admission.inflight == 0


async def test_a_waiter_gives_up_when_its_budget_could_not_hold_a_rewrite() -> None:
    admission = Admission(capacity=1, max_queue=5, budget_s=1.5, initial_service_s=0.4)
    held = await admission.acquire()
    with pytest.raises(Overloaded) as info:
        await admission.acquire()  # may wait max(1, 1.5 - 0.4) s
    assert info.value.reason == "queue_timeout" and admission.queued == 0
    held.release()
    assert admission.inflight == 0


async def test_retry_after_follows_the_measured_service_time() -> None:
    admission = Admission(capacity=1, max_queue=0, budget_s=60, initial_service_s=1.0)
    for _ in range(20):
        ticket = await admission.acquire()
        ticket.started -= 8.0  # as if it took 8 s
        ticket.release()
    assert 7.5 < admission.service_s < 8.5
    held = await admission.acquire()
    with pytest.raises(Overloaded) as info:
        await admission.acquire()
    assert info.value.retry_after == 8
    held.release()


def test_default_capacity_comes_from_the_runtime_slots(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    assert default_capacity(settings, 4, "fast") == 4  # one model call at a time per rewrite
    assert default_capacity(settings, 8, "fast") == 8
    assert default_capacity(settings, 4, "full") == 4
    assert default_capacity(settings, None, "full") == 16
    assert default_capacity(settings.model_copy(update={"max_inflight": 5}), 4, "fast") == 5


def test_the_token_bucket_refuses_with_the_wait() -> None:
    limiter = RateLimiter(per_minute=60, burst=2)
    limiter.take("a")
    limiter.take("a")
    with pytest.raises(Overloaded) as info:
        limiter.take("a")
    assert info.value.reason == "rate_limited" and info.value.retry_after == 1
    limiter.take("b")  # another key has its own bucket


def _slow_fake(delay: float) -> Any:
    fake = FakeGenerator({k: list(v) * 50 for k, v in ZH_OUTPUTS.items()})

    async def slow(request: GenerateRequest) -> GenerateResult:
        await asyncio.sleep(delay)
        return await fake(request)

    return slow


async def test_over_capacity_requests_get_429_with_retry_after_and_queue_wait_is_traced(tmp_path: Path) -> None:
    settings = Settings(model="openai/m", home=tmp_path, max_inflight=1, max_queue=1, chain_mode="full")
    app = create_app(settings, generate=_slow_fake(0.15))
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        responses = await asyncio.gather(*(c.post("/rewrite", json=zh_body()) for _ in range(5)))
        metrics = (await c.get("/metrics")).text
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200, 200, 429, 429, 429]
    for r in responses:
        if r.status_code == 429:
            assert r.headers["content-type"].startswith("application/problem+json")
            assert int(r.headers["retry-after"]) >= 1 and r.json()["retry_after"] == int(r.headers["retry-after"])
    waits = sorted(r.json()["trace"][0]["latency_ms"] for r in responses if r.status_code == 200)
    assert [r.json()["trace"][0]["step"] for r in responses if r.status_code == 200] == ["queue", "queue"]
    assert waits[0] < 50 and waits[1] > 200, "the second one waited for the first"
    assert 'tactful_rejected_total{reason="queue_full"} 3.0' in metrics
    assert "tactful_queue_wait_seconds_count 2.0" in metrics


async def test_a_rate_limited_key_gets_429(tmp_path: Path) -> None:
    settings = Settings(model="openai/m", home=tmp_path, rate_per_key=1, rate_burst=1)
    app = create_app(settings, generate=_slow_fake(0))
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        first = await c.post("/rewrite", json=zh_body())
        second = await c.post("/rewrite/stream", json=zh_body())
    assert first.status_code == 200 and second.status_code == 429
    assert int(second.headers["retry-after"]) >= 50 and "rewrites per minute" in second.json()["detail"]


async def test_a_client_that_leaves_cancels_the_model_calls_of_rewrite(tmp_path: Path) -> None:
    started: list[str] = []
    cancelled: list[str] = []
    running = asyncio.Event()

    async def hanging(request: GenerateRequest) -> GenerateResult:
        started.append(request.schema_name)
        running.set()
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            cancelled.append(request.schema_name)
            raise
        raise AssertionError("not reached")

    settings = Settings(model="openai/m", home=tmp_path, chain_mode="full")
    app = create_app(settings, generate=hanging)
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
        "type": "http", "asgi": {"version": "3.0", "spec_version": "2.4"}, "http_version": "1.1",
        "method": "POST", "scheme": "http", "path": "/rewrite", "raw_path": b"/rewrite", "query_string": b"",
        "root_path": "", "headers": [(b"content-type", b"application/json")],
        "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000), "state": {},
    }
    async with app.router.lifespan_context(app):
        task = asyncio.create_task(app(scope, receive, send))
        await asyncio.wait_for(running.wait(), 5)
        await asyncio.sleep(0.05)
        gone.set()
        await asyncio.wait_for(task, 5)
        assert app.state.admission.inflight == 0, "the place is given back"
    assert started and sorted(cancelled) == sorted(started)
    assert sent[0]["status"] == 499


async def test_a_queued_rewrite_still_ends_inside_its_budget_from_arrival(tmp_path: Path) -> None:
    budget = 1.6
    settings = Settings(model="openai/m", home=tmp_path, max_inflight=1, max_queue=1, chain_mode="full",
                        chain_timeout_s=budget)
    app = create_app(settings, generate=_slow_fake(0.25))
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url="http://t") as c:

        async def timed() -> tuple[float, httpx.Response]:
            started = asyncio.get_running_loop().time()
            resp = await c.post("/rewrite", json=zh_body())
            return asyncio.get_running_loop().time() - started, resp

        results = await asyncio.gather(timed(), timed())
    queued = max(results, key=lambda r: r[1].json()["trace"][0]["latency_ms"])
    took, resp = queued
    body = resp.json()
    assert body["trace"][0]["latency_ms"] > 300, "it waited for the first"
    assert took < budget + 0.4, f"{took:.2f} s: the chain got only what the queue left"
    if body["degraded"]:
        assert body["degraded_reason"] == "chain_timeout"
