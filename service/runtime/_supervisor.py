"""Keep the embedded runtime alive: restart it when its process dies or stops answering.

``RuntimeSupervisor.run()`` is a background task. Every ``interval_s`` it checks that the child process
is alive and, every few checks, that it answers ``/health``; a dead process, or ``failures`` failed probes
in a row, is restarted (same port and key). ``state`` is what ``/readyz`` reports meanwhile:
``running``, ``restarting`` or ``failed`` (the restart itself failed; it is tried again with backoff).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Literal, Protocol

from service.errors import RuntimeStartError

log = logging.getLogger("tactful.runtime")

State = Literal["running", "restarting", "failed"]


class Supervised(Protocol):
    @property
    def alive(self) -> bool: ...

    @property
    def exit_code(self) -> int | None: ...

    def restart(self) -> str: ...

    def kill(self) -> None: ...

    async def ready(self, timeout_s: float = 3.0) -> bool: ...


class RuntimeSupervisor:
    def __init__(
        self,
        runtime: Supervised,
        *,
        interval_s: float = 1.0,
        probe_every: int = 5,
        failures: int = 3,
        on_restart: Callable[[], None] | None = None,
        paused: Callable[[], bool] | None = None,
    ) -> None:
        self.runtime = runtime
        self.interval_s = interval_s
        self.probe_every = probe_every
        self.failures = failures
        self.on_restart = on_restart
        self.paused = paused or (lambda: False)
        """While true (the service is stopping), nothing is restarted."""
        self.state: State = "running"
        self.restarts = 0
        self.last_reason: str | None = None
        self.last_restart_s: float | None = None

    @property
    def status(self) -> State:
        """``state``, except that a runtime found dead before the next check already counts as restarting."""
        if self.state == "running" and not self.runtime.alive:
            return "restarting"
        return self.state

    async def run(self) -> None:
        ticks = 0
        failed_probes = 0
        backoff = self.interval_s
        while True:
            await asyncio.sleep(self.interval_s if self.state == "running" else backoff)
            if self.paused():
                continue
            ticks += 1
            reason: str | None = None
            if not self.runtime.alive:
                reason = f"the runtime process exited (code {self.runtime.exit_code})"
            elif self.state == "running" and ticks % self.probe_every == 0:
                if await self.runtime.ready():
                    failed_probes = 0
                else:
                    failed_probes += 1
                    if failed_probes >= self.failures:
                        reason = f"the runtime did not answer /health {failed_probes} times in a row"
            if reason is None and self.state == "running":
                continue
            failed_probes = 0
            if await self.restart(reason or self.last_reason or "restart after a failed start"):
                backoff = self.interval_s
            else:
                backoff = min(60.0, backoff * 2)

    async def restart(self, reason: str) -> bool:
        """Restart the runtime now (in a worker thread); True when it is running again."""
        self.state = "restarting"
        self.last_reason = reason
        log.warning("restarting the embedded runtime: %s", reason)
        started = time.perf_counter()
        try:
            await asyncio.to_thread(self._restart_blocking)
        except RuntimeStartError as exc:
            self.state = "failed"
            log.error("the embedded runtime could not be restarted: %s", exc)
            return False
        self.last_restart_s = time.perf_counter() - started
        self.restarts += 1
        self.state = "running"
        log.info("embedded runtime restarted in %.1f s", self.last_restart_s)
        if self.on_restart is not None:
            self.on_restart()
        return True

    def _restart_blocking(self) -> None:
        if self.runtime.alive:
            self.runtime.kill()
        self.runtime.restart()
