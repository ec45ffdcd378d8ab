"""A generator that can be closed: once closed, calls in flight and new calls fail at once.

The engine closes it when the service stops (after ``settings.shutdown_grace_s``), so that a
rewrite still waiting for the model comes back at once as the draft, ``degraded: true``, with the
reason in its warnings (the chain turns a :class:`ModelError` into that), instead of holding the
shutdown until the model finishes.
"""

from __future__ import annotations

import asyncio

from service.errors import ModelUnavailable
from service.llm import GenerateRequest, GenerateResult, Generator


class StopGate:
    """Wraps ``inner``; :meth:`close` fails every call in flight and every later one."""

    def __init__(self, inner: Generator) -> None:
        self.inner = inner
        self._reason: str | None = None
        self._inflight: set[asyncio.Task[GenerateResult]] = set()

    @property
    def closed(self) -> bool:
        return self._reason is not None

    def close(self, reason: str = "the service is stopping") -> None:
        """Call on the event loop's thread. Idempotent."""
        if self._reason is None:
            self._reason = reason
        for task in list(self._inflight):
            task.cancel()

    def _refusal(self, request: GenerateRequest, attempts: int) -> ModelUnavailable:
        return ModelUnavailable(self._reason or "closed", model=request.target.display, attempts=attempts)

    async def __call__(self, request: GenerateRequest) -> GenerateResult:
        if self._reason is not None:
            raise self._refusal(request, attempts=0)
        task = asyncio.ensure_future(self.inner(request))
        self._inflight.add(task)
        try:
            return await task
        except asyncio.CancelledError:
            me = asyncio.current_task()
            if self._reason is not None and (me is None or me.cancelling() == 0):
                raise self._refusal(request, attempts=1) from None  # the gate closed, nobody cancelled the caller
            raise
        finally:
            self._inflight.discard(task)
