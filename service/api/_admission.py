"""Admission control: a bounded number of rewrites in flight, a bounded wait queue, per-key rates.

Beyond ``max_inflight`` running and ``max_queue`` waiting, a request is refused at once with 429 and a
``Retry-After`` computed from the measured service time (an exponentially weighted mean of finished
rewrites). A request in the queue also gives up with 429 when waiting longer would leave less of the
chain's budget than one rewrite takes, so every admitted rewrite can finish inside its budget. A freed
place is handed to the oldest waiter (FIFO). Cancelling a waiter (its client went away) leaves the queue.

The default capacity is the embedded runtime's: its parallel slots divided by the model calls one
rewrite makes at once (fast shape 3, full shape 2), at least 1; 16 for hosted models.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from dataclasses import dataclass, field

from service.chain import CALLS_AT_ONCE
from service.errors import Overloaded
from service.settings import Settings

HOSTED_DEFAULT_INFLIGHT = 16
_EWMA = 0.3


def default_capacity(settings: Settings, runtime_slots: int | None, shape: str) -> int:
    """``TACTFUL_MAX_INFLIGHT`` if set, else what the embedded runtime's slots allow, else 16."""
    if settings.max_inflight is not None:
        return settings.max_inflight
    if runtime_slots:
        return max(1, runtime_slots // CALLS_AT_ONCE.get(shape, 1))
    return HOSTED_DEFAULT_INFLIGHT


@dataclass
class Ticket:
    """A place in flight; :meth:`release` (idempotent) gives it back and records the service time."""

    admission: Admission
    waited_s: float
    started: float = field(default_factory=time.monotonic)
    released: bool = False

    def release(self, *, measured: bool = True) -> None:
        if self.released:
            return
        self.released = True
        self.admission._finish(time.monotonic() - self.started if measured else None)


class Admission:
    def __init__(self, capacity: int, max_queue: int, budget_s: float, *, initial_service_s: float = 5.0) -> None:
        self.capacity = max(1, capacity)
        self.max_queue = max(0, max_queue)
        self.budget_s = budget_s
        self.inflight = 0
        self.service_s = initial_service_s
        self._waiters: deque[asyncio.Future[None]] = deque()

    @classmethod
    def from_settings(cls, settings: Settings, capacity: int) -> Admission:
        queue = settings.max_queue if settings.max_queue is not None else 2 * capacity
        return cls(capacity, queue, settings.chain_timeout_s, initial_service_s=min(10.0, settings.chain_timeout_s))

    @property
    def queued(self) -> int:
        return sum(1 for w in self._waiters if not w.done())

    def retry_after(self) -> int:
        """Seconds until a place is likely free: the queue ahead drained at the measured service rate."""
        ahead = self.queued + 1
        return max(1, math.ceil(ahead / self.capacity * self.service_s))

    def max_wait_s(self) -> float:
        """How long a waiter may queue and still leave one service time of the budget."""
        return max(1.0, self.budget_s - self.service_s)

    async def acquire(self) -> Ticket:
        if self.inflight < self.capacity and not self.queued:
            self.inflight += 1
            return Ticket(self, 0.0)
        if self.queued >= self.max_queue:
            raise Overloaded(
                f"{self.inflight} rewrites are running and {self.queued} waiting (the limits are "
                f"{self.capacity} and {self.max_queue}); try again in {self.retry_after()} s",
                retry_after=self.retry_after(),
                reason="queue_full",
            )
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        started = time.monotonic()
        try:
            async with asyncio.timeout(self.max_wait_s()):
                await waiter
        except TimeoutError:
            self._leave(waiter)
            raise Overloaded(
                f"no place became free within {self.max_wait_s():.0f} s; try again in {self.retry_after()} s",
                retry_after=self.retry_after(),
                reason="queue_timeout",
            ) from None
        except BaseException:
            self._leave(waiter)
            raise
        return Ticket(self, time.monotonic() - started)

    def _leave(self, waiter: asyncio.Future[None]) -> None:
        """A waiter that gives up: out of the queue, and a place it was handed just now passes on."""
        granted = waiter.done() and not waiter.cancelled()
        waiter.cancel()
        if waiter in self._waiters:
            self._waiters.remove(waiter)
        if granted:
            self._finish(None)

    def _finish(self, service_s: float | None) -> None:
        if service_s is not None:
            self.service_s = (1 - _EWMA) * self.service_s + _EWMA * service_s
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)  # the place passes to this waiter: inflight stays the same
                return
        self.inflight -= 1


class RateLimiter:
    """A token bucket per key name: ``per_minute`` refill, ``burst`` deep. Key names are a bounded set."""

    def __init__(self, per_minute: float, burst: int) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self._buckets: dict[str, tuple[float, float]] = {}

    def take(self, key: str) -> None:
        now = time.monotonic()
        tokens, last = self._buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            wait = math.ceil((1.0 - tokens) / self.rate)
            raise Overloaded(
                f"the key '{key}' is over its rate of {self.rate * 60:g} rewrites per minute; try again in {wait} s",
                retry_after=wait,
                reason="rate_limited",
            )
        self._buckets[key] = (tokens - 1.0, now)
