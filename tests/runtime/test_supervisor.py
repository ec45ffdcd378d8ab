"""The supervisor restarts a runtime whose process died or stopped answering, and says so meanwhile."""

from __future__ import annotations

import asyncio

from service.errors import RuntimeStartError
from service.runtime import RuntimeSupervisor


class FakeRuntime:
    def __init__(self) -> None:
        self.alive = True
        self.healthy = True
        self.exit_code: int | None = None
        self.restarts = 0
        self.fail_restarts = 0
        self.killed = 0

    def restart(self) -> str:
        if self.fail_restarts:
            self.fail_restarts -= 1
            raise RuntimeStartError("port busy")
        self.restarts += 1
        self.alive, self.healthy, self.exit_code = True, True, None
        return "http://127.0.0.1:1/v1"

    def kill(self) -> None:
        self.killed += 1
        self.alive, self.exit_code = False, -9

    async def ready(self, timeout_s: float = 3.0) -> bool:
        return self.alive and self.healthy


async def _until(condition: object, timeout: float = 2.0) -> None:
    async def wait() -> None:
        while not condition():  # type: ignore[operator]
            await asyncio.sleep(0.005)

    await asyncio.wait_for(wait(), timeout)


async def test_a_dead_process_is_restarted_and_reported_meanwhile() -> None:
    runtime = FakeRuntime()
    restarted: list[int] = []
    supervisor = RuntimeSupervisor(runtime, interval_s=0.01, on_restart=lambda: restarted.append(1))
    task = asyncio.create_task(supervisor.run())
    try:
        runtime.alive, runtime.exit_code = False, -9
        assert supervisor.status == "restarting"
        await _until(lambda: supervisor.restarts == 1)
        assert supervisor.status == "running" and restarted == [1] and runtime.restarts == 1
        assert "exited (code -9)" in (supervisor.last_reason or "")
    finally:
        task.cancel()


async def test_a_hung_runtime_is_killed_and_restarted() -> None:
    runtime = FakeRuntime()
    supervisor = RuntimeSupervisor(runtime, interval_s=0.005, probe_every=1, failures=3)
    task = asyncio.create_task(supervisor.run())
    try:
        runtime.healthy = False
        await _until(lambda: supervisor.restarts == 1)
        assert runtime.killed == 1 and "did not answer /health 3 times" in (supervisor.last_reason or "")
    finally:
        task.cancel()


async def test_a_failed_restart_is_tried_again() -> None:
    runtime = FakeRuntime()
    runtime.fail_restarts = 2
    supervisor = RuntimeSupervisor(runtime, interval_s=0.005)
    task = asyncio.create_task(supervisor.run())
    try:
        runtime.alive = False
        await _until(lambda: supervisor.state == "failed")
        await _until(lambda: supervisor.state == "running", timeout=5)
        assert runtime.restarts == 1
    finally:
        task.cancel()
