"""The engine's start and stop, without a real runtime: phases, the grace period, a stop at any moment."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest

from service.chain import rewrite
from service.engine import Engine, StopGate
from service.engine import _engine as engine_module
from service.errors import ModelUnavailable, PromptError, StartCancelled
from service.llm import FakeGenerator, GenerateRequest, GenerateResult, ModelTarget
from service.settings import Settings
from tests.chain.conftest import ZH_OUTPUTS, ZH_REQUEST


def _settings(tmp_path: Path, **over: Any) -> Settings:
    return Settings(**{"model": "openai/test-model", "home": tmp_path, **over})


def _request() -> GenerateRequest:
    return GenerateRequest(target=ModelTarget(model="openai/m"), messages=[], schema={}, schema_name="analysis")


class Hanging:
    """A model that never answers (until cancelled); records the calls it got."""

    def __init__(self) -> None:
        self.started = asyncio.Event()
        self.cancelled = 0

    async def __call__(self, request: GenerateRequest) -> GenerateResult:
        self.started.set()
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            self.cancelled += 1
            raise
        raise AssertionError("not reached")


async def test_a_hosted_model_needs_no_runtime(tmp_path: Path) -> None:
    fake = FakeGenerator({k: list(v) for k, v in ZH_OUTPUTS.items()})
    async with Engine(_settings(tmp_path), generate=fake) as engine:
        assert engine.phase == "ready" and engine.runtime is None and engine.warming is None
        assert engine.deps.generate is engine.generate and engine.gate.inner is fake
        response = await rewrite(ZH_REQUEST, engine.deps)
    assert not response.degraded and engine.phase == "stopped"
    with pytest.raises(ModelUnavailable, match="stopping"):
        await engine.generate(_request())  # nothing reaches the model after a stop


async def test_bad_prompts_fail_at_start(tmp_path: Path) -> None:
    engine = Engine(_settings(tmp_path, prompts_dir=tmp_path / "none"), generate=FakeGenerator())
    with pytest.raises(PromptError):
        await engine.start()


async def test_a_stop_answers_the_request_in_flight_with_the_draft(tmp_path: Path) -> None:
    hanging = Hanging()
    engine = await Engine(_settings(tmp_path, shutdown_grace_s=0), generate=hanging).start()
    task = asyncio.create_task(rewrite(ZH_REQUEST, engine.deps))
    await asyncio.wait_for(hanging.started.wait(), 5)
    engine.request_stop()
    response = await asyncio.wait_for(task, 5)
    assert response.degraded and response.reply == ZH_REQUEST.draft
    assert any("the service is stopping" in w for w in response.warnings), response.warnings
    assert hanging.cancelled >= 1 and engine.phase == "stopping"
    await engine.stop()
    assert engine.phase == "stopped"


async def test_the_grace_lets_a_call_finish_then_cuts_the_rest(tmp_path: Path) -> None:
    release = asyncio.Event()
    hanging = Hanging()

    async def model(request: GenerateRequest) -> GenerateResult:
        if request.schema_name == "quick":
            await release.wait()
            return GenerateResult(text="{}", model="m")
        return await hanging(request)

    engine = await Engine(_settings(tmp_path, shutdown_grace_s=0.3), generate=model).start()
    quick = asyncio.create_task(engine.generate(GenerateRequest(ModelTarget("m"), [], {}, "quick")))
    slow = asyncio.create_task(engine.generate(_request()))
    await asyncio.wait_for(hanging.started.wait(), 5)
    engine.request_stop()
    await asyncio.sleep(0.05)
    release.set()
    assert (await asyncio.wait_for(quick, 5)).text == "{}"  # finished within the grace
    with pytest.raises(ModelUnavailable):
        await asyncio.wait_for(slow, 5)  # still running when the grace ended
    await engine.stop()


async def test_request_stop_from_another_thread(tmp_path: Path) -> None:
    hanging = Hanging()
    engine = await Engine(_settings(tmp_path, shutdown_grace_s=0), generate=hanging).start()
    call = asyncio.create_task(engine.generate(_request()))
    await asyncio.wait_for(hanging.started.wait(), 5)
    threading.Thread(target=engine.request_stop).start()
    with pytest.raises(ModelUnavailable):
        await asyncio.wait_for(call, 5)
    await engine.stop()


async def test_a_stop_during_assembly_abandons_the_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entered = threading.Event()

    def slow_assembly(settings: Settings, progress: Any, *, cancel: threading.Event) -> Path:
        entered.set()
        while not cancel.wait(0.01):
            pass
        raise StartCancelled("stopped while the embedded model was being assembled")

    monkeypatch.setattr(engine_module, "ensure_model", slow_assembly)
    engine = Engine(_settings(tmp_path, model="embedded"), generate=FakeGenerator(), embedded=True)
    start = asyncio.create_task(engine.start())
    await asyncio.to_thread(entered.wait, 5)
    assert engine.phase == "assembling"
    engine.request_stop()
    await asyncio.wait_for(start, 5)  # returns, does not raise: a requested stop is not a failure
    assert engine.runtime is None and engine.stopping and engine.phase == "stopping"
    assert engine.deps.target("compose").api_base is None  # requests would degrade, not crash
    await engine.stop()
    assert engine.phase == "stopped"


async def test_an_app_lifespan_can_run_twice(tmp_path: Path) -> None:
    fake = FakeGenerator()
    engine = Engine(_settings(tmp_path), generate=fake)
    for _ in range(2):
        await engine.start()
        assert engine.phase == "ready" and not engine.gate.closed
        await engine.stop()


async def test_the_gate_passes_a_callers_own_cancellation_through() -> None:
    hanging = Hanging()
    gate = StopGate(hanging)
    call = asyncio.create_task(gate(_request()))
    await asyncio.wait_for(hanging.started.wait(), 5)
    call.cancel()  # e.g. the client went away: a cancellation, not a model error
    with pytest.raises(asyncio.CancelledError):
        await call
    assert hanging.cancelled == 1 and not gate.closed


async def test_a_stop_before_the_start_starts_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_assembly(*args: Any, **kwargs: Any) -> Path:
        raise AssertionError("nothing may start once a stop was requested")

    monkeypatch.setattr(engine_module, "ensure_model", no_assembly)
    engine = Engine(_settings(tmp_path, model="embedded"), generate=FakeGenerator(), embedded=True)
    engine.request_stop()
    await engine.start()
    assert engine.runtime is None and engine.stopping
    await engine.stop()
    with pytest.raises(ModelUnavailable):
        await engine.generate(_request())
