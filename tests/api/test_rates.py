"""Per-key rates shared through Redis: one bucket per key for every replica, and per process while Redis
is unreachable (fail open to the local bucket: no 500, no refusal for Redis's sake)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from service.api._rates import LocalRate, SharedRate, rate_for
from service.api.main import create_app
from service.errors import Overloaded
from service.settings import Settings
from tests.api.conftest import zh_body
from tests.api.test_admission import _slow_fake
from tests.servers import redis_server


async def test_replicas_share_one_bucket_per_key(redis_url: str) -> None:
    one, two = (SharedRate.from_url(redis_url, per_minute=60, burst=3) for _ in range(2))
    try:
        await one.check("zendesk")
        await two.check("zendesk")
        await one.check("zendesk")
        with pytest.raises(Overloaded) as info:
            await two.check("zendesk")  # the fourth, on the other replica: the bucket is shared
        assert info.value.reason == "rate_limited" and info.value.retry_after == 1
        await two.check("chatwoot")  # another key, its own bucket
        await asyncio.sleep(1.05)  # 60 per minute: one token back a second, on Redis's clock
        await two.check("zendesk")
        with pytest.raises(Overloaded):
            await one.check("zendesk")
    finally:
        await one.close()
        await two.close()


async def test_when_redis_goes_away_each_process_limits_alone_then_shares_again() -> None:
    fallbacks: list[int] = []
    with redis_server() as server:
        limiter = SharedRate.from_url(server.url, per_minute=60, burst=2, on_fallback=lambda: fallbacks.append(1))
        limiter.retry_s = 0.2
        await limiter.check("k")
        server.process.kill()
        server.process.wait()
        await limiter.check("k")  # Redis is gone: the process's own bucket (full) lets it through
        await limiter.check("k")
        with pytest.raises(Overloaded):
            await limiter.check("k")  # ... and still limits
        assert len(fallbacks) == 3
    await asyncio.sleep(limiter.retry_s)
    with redis_server(server.port):  # back (empty): the next check goes to it again
        await limiter.check("k")
        await limiter.check("k")
        assert len(fallbacks) == 3, "shared again"
        with pytest.raises(Overloaded):
            await limiter.check("k")
        await limiter.close()


async def test_two_apps_on_one_redis_hold_the_rate_together(tmp_path: Path, redis_url: str) -> None:
    settings = [Settings(model="openai/m", home=tmp_path / name, rate_per_key=1, rate_burst=2, redis_url=redis_url)
                for name in ("a", "b")]
    apps = [create_app(s, generate=_slow_fake(0)) for s in settings]
    assert all(isinstance(app.state.rate_limiter, SharedRate) for app in apps)
    statuses: list[int] = []
    for app in apps:
        transport = httpx.ASGITransport(app=app)
        async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            for _ in range(2 if app is apps[0] else 1):
                statuses.append((await c.post("/rewrite", json=zh_body())).status_code)
    assert statuses == [200, 200, 429], "the second replica sees the first one's two rewrites"


def test_without_redis_rates_are_per_process(tmp_path: Path) -> None:
    assert rate_for(Settings(home=tmp_path)) is None
    assert isinstance(rate_for(Settings(home=tmp_path, rate_per_key=5)), LocalRate)
    with pytest.raises(ValueError, match="TACTFUL_REDIS_URL"):
        Settings(home=tmp_path, redis_url="http://127.0.0.1:6379")
