"""Per-key rate limits shared by replicas: one token bucket per key name in Redis (``TACTFUL_REDIS_URL``).

The bucket is a Redis hash refilled and taken from by one Lua script, on the Redis server's clock, so
every replica sees the same bucket and a key gets ``TACTFUL_RATE_PER_KEY`` rewrites per minute in all,
not per replica. Without ``TACTFUL_REDIS_URL`` each process keeps its own buckets
(:class:`~service.api._admission.RateLimiter`).

Redis unreachable (down, or slower than ``timeout_s``): the check **fails open to the process's own
bucket**: the request is limited as if there were one replica (a key may get up to N times its rate
across N replicas meanwhile), never refused for Redis's sake and never a 500. The outage is logged once
and counted (``tactful_rate_store_fallbacks_total``); Redis is tried again after ``retry_s``.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from typing import Any, Protocol

from service.api._admission import RateLimiter
from service.errors import ConfigError, Overloaded
from service.settings import Settings

log = logging.getLogger("tactful.api")

BUCKET_SCRIPT = """
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) + tonumber(now_parts[2]) / 1000000
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(bucket[1]) or burst
local at = tonumber(bucket[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return {allowed, tostring(tokens)}
"""
"""Refill by the time passed, take one token if there is one; the hash expires once it would be full."""

KEY_PREFIX = "tactful:rate:"


class KeyRate(Protocol):
    async def check(self, key: str) -> None:
        """Take one rewrite from ``key``'s bucket; :class:`Overloaded` (429) when it is empty."""

    async def close(self) -> None: ...


class LocalRate:
    """The process's own buckets (no shared store configured)."""

    def __init__(self, limiter: RateLimiter) -> None:
        self.limiter = limiter

    async def check(self, key: str) -> None:
        self.limiter.take(key)

    async def close(self) -> None:
        return None


class SharedRate:
    def __init__(self, client: Any, per_minute: float, burst: int, *, retry_s: float = 5.0,
                 on_fallback: Callable[[], None] | None = None) -> None:
        self.client = client
        self.rate = per_minute / 60.0
        self.burst = burst
        self.local = RateLimiter(per_minute, burst)
        self.retry_s = retry_s
        self.on_fallback = on_fallback
        self._script = client.register_script(BUCKET_SCRIPT)
        self._down_until = 0.0

    @classmethod
    def from_url(cls, url: str, per_minute: float, burst: int, *, timeout_s: float = 0.25,
                 on_fallback: Callable[[], None] | None = None) -> SharedRate:
        try:
            import redis.asyncio as redis
        except ImportError:  # an optional extra
            raise ConfigError("TACTFUL_REDIS_URL is set but the redis client is not installed: "
                              "pip install 'tactful[redis]'") from None
        client = redis.Redis.from_url(url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s)
        return cls(client, per_minute, burst, on_fallback=on_fallback)

    def __repr__(self) -> str:
        return f"SharedRate({self.rate * 60:g}/min, burst {self.burst}, redis=***)"

    async def check(self, key: str) -> None:
        if time.monotonic() < self._down_until:
            return self._fallback(key)
        import redis.exceptions

        try:
            allowed, tokens = await self._script(keys=[KEY_PREFIX + key], args=[self.rate, self.burst])
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError) as exc:
            log.warning("rate store unreachable (%s); limiting per process for %.0f s", type(exc).__name__,
                        self.retry_s)
            self._down_until = time.monotonic() + self.retry_s
            return self._fallback(key)
        if self._down_until:
            log.info("rate store reachable again; rates are shared")
            self._down_until = 0.0
        if not int(allowed):
            wait = math.ceil((1.0 - float(tokens)) / self.rate)
            raise Overloaded(
                f"the key '{key}' is over its rate of {self.rate * 60:g} rewrites per minute; try again in {wait} s",
                retry_after=wait,
                reason="rate_limited",
            )
        return None

    def _fallback(self, key: str) -> None:
        if self.on_fallback is not None:
            self.on_fallback()
        self.local.take(key)

    async def close(self) -> None:
        await self.client.aclose()


def rate_for(settings: Settings, on_fallback: Callable[[], None] | None = None) -> KeyRate | None:
    """The per-key rate ``settings`` configure: shared in Redis, per process, or none."""
    if settings.rate_per_key is None:
        return None
    if settings.redis_url is not None:
        return SharedRate.from_url(settings.redis_url.get_secret_value(), settings.rate_per_key,
                                   settings.rate_burst, on_fallback=on_fallback)
    return LocalRate(RateLimiter(settings.rate_per_key, settings.rate_burst))
