"""Fault injection over real HTTP: an upstream that returns garbage, trickles, overflows the context or is down.

The service runs with uvicorn on loopback and calls a fake OpenAI-compatible server through litellm. Every
fault ends in the agent's draft, ``degraded: true`` with the reason, within the call's deadline: nothing hangs.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.api.main import create_app
from service.settings import Settings
from tests.fakes import ZH_SCENARIO, FakeOpenAI, serve_in_thread

pytestmark = pytest.mark.live_http

TIMEOUT_S = 1.5


@pytest.fixture(scope="module")
def upstream() -> Iterator[tuple[FakeOpenAI, str]]:
    fake = FakeOpenAI()
    with serve_in_thread(fake.app()) as base:
        yield fake, base


@pytest.fixture(scope="module")
def service(upstream: tuple[FakeOpenAI, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = Settings(
        model="openai/stub", api_base=f"{upstream[1]}/v1", api_key="sk-test-upstream",
        home=tmp_path_factory.mktemp("f"),
        retries=1, retry_backoff_s=0.05, timeout_s=TIMEOUT_S, chain_timeout_s=20, chain_mode="full",
    )
    with serve_in_thread(create_app(settings)) as url:
        yield url


@pytest.fixture(autouse=True)
def _clean(upstream: tuple[FakeOpenAI, str]) -> None:
    upstream[0].reset()


def _rewrite(url: str) -> tuple[dict[str, Any], float]:
    started = time.monotonic()
    resp = httpx.post(f"{url}/rewrite", json=ZH_SCENARIO, timeout=30)
    assert resp.status_code == 200, resp.text
    return resp.json(), time.monotonic() - started


def test_the_healthy_path_is_not_degraded(service: str) -> None:
    body, _ = _rewrite(service)
    assert not body["degraded"] and body["degraded_reason"] is None


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        ("garbage", {"malformed_response"}),
        ("trickle", {"model_timeout"}),
        ("overflow", {"context_overflow"}),
        ("not_json", {"invalid_output"}),
    ],
)
def test_a_faulty_upstream_degrades_with_the_reason(
    service: str, upstream: tuple[FakeOpenAI, str], fault: str, reason: set[str]
) -> None:
    upstream[0].faults = {"*": fault}  # type: ignore[dict-item]
    body, took = _rewrite(service)
    assert body["degraded"] and body["reply"] == ZH_SCENARIO["draft"]
    assert body["degraded_reason"] in reason, body["degraded_reason"]
    print(f"{fault}: {body['degraded_reason']} in {took:.1f} s")
    assert any(w.startswith("degraded") for w in body["warnings"])
    # at most 2 sequential rounds of (retries + 1) attempts, each bounded by its deadline
    assert took < 3 * 2 * TIMEOUT_S + 2, f"took {took:.1f} s"


def test_a_down_upstream_degrades_and_readyz_says_so(service: str, upstream: tuple[FakeOpenAI, str]) -> None:
    upstream[0].fail = True
    body, _ = _rewrite(service)
    assert body["degraded"] and body["degraded_reason"] == "model_unavailable"
    assert httpx.get(f"{service}/readyz").json() == {"status": "ready"}, "the endpoint answers; calls fail"


def test_an_unreachable_upstream_is_not_ready(tmp_path: Path) -> None:
    settings = Settings(model="openai/stub", api_base="http://127.0.0.1:9/v1", home=tmp_path, retries=0, timeout_s=1)
    with serve_in_thread(create_app(settings)) as url:
        ready = httpx.get(f"{url}/readyz")
        body, _ = _rewrite(url)
    assert ready.status_code == 503 and ready.json() == {"status": "unavailable"}
    assert body["degraded"] and body["degraded_reason"] == "model_unavailable"
