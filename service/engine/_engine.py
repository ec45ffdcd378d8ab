"""The engine: what a process needs to rewrite drafts, built from settings, started and stopped as one.

Start-up, in phases (logged as ``phase: <name>``): prompts are loaded strictly (fail fast), then,
when a step runs on the embedded model, ``assembling`` (the GGUF from its part packages, once;
in a thread, cancellable between 8 MB chunks), ``loading`` (the llama.cpp server in a child
process, see :class:`service.runtime.RuntimeProcess`), ``warming`` (the prompt cache, in a
background task while requests are already served), then ``ready``.

A stop can come at any moment (:meth:`Engine.request_stop` is safe from a signal handler or
another thread): assembly and load are abandoned (``StartCancelled``, no temporary file left,
the child killed), the warm-up is cancelled, and model calls still running
``settings.shutdown_grace_s`` later fail, so their requests are answered with the draft,
``degraded: true``. :meth:`Engine.stop` then stops the runtime (SIGTERM, SIGKILL after 2 s).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Literal, ParamSpec, TypeVar

from service.chain import FAST_PROMPTS, FULL_PROMPTS, ChainDeps, shape, warm_up
from service.engine._gate import StopGate
from service.engine._routing import Endpoint, build_deps, uses_embedded
from service.errors import StartCancelled
from service.llm import Generator, LiteLLMGenerator
from service.runtime import Progress, RuntimeProcess, ensure_model
from service.settings import Settings

log = logging.getLogger("tactful.engine")

Phase = Literal["idle", "assembling", "loading", "warming", "ready", "stopping", "stopped"]

P = ParamSpec("P")
T = TypeVar("T")

STOPPING = "the service is stopping"


class Engine:
    """Settings -> embedded runtime (or none) -> generator -> prompts -> chain dependencies.

    ``generate`` replaces the litellm generator (a fake in tests, a recorder in evals); with it no
    runtime starts unless ``embedded=True``. ``embedded`` forces the runtime on or off (default:
    on when a step uses the embedded model and ``generate`` is not given). ``warm`` fills the
    runtime's prompt cache in the background after start-up. Use ``async with Engine(...)`` or
    :meth:`start` and :meth:`stop`.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        generate: Generator | None = None,
        embedded: bool | None = None,
        warm: bool = True,
        progress: Progress | None = None,
        wrap: Callable[[Generator], Generator] | None = None,
    ) -> None:
        self.settings = settings
        inner = generate or LiteLLMGenerator.from_settings(settings)  # retries, jitter, fallbacks
        self.gate = StopGate(wrap(inner) if wrap is not None else inner)
        self.embedded = (generate is None and uses_embedded(settings)) if embedded is None else embedded
        self.warm = warm
        self.progress: Progress = progress or log.info
        self.runtime: RuntimeProcess | None = None
        self.warming: asyncio.Task[float] | None = None
        self.phase: Phase = "idle"
        self._deps: ChainDeps | None = None
        self._stop = threading.Event()
        self._stop_begun = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._grace: asyncio.TimerHandle | None = None

    def decorate(self, wrap: Callable[[Generator], Generator]) -> None:
        """Wrap the generator (before :meth:`start`), e.g. in a span per model call."""
        if self.phase != "idle":
            raise RuntimeError("decorate the generator before the engine starts")
        self.gate = StopGate(wrap(self.gate.inner))

    # --- what the rest of the process uses ---------------------------------------------------
    @property
    def generate(self) -> Generator:
        """Every model call of this process goes through here (closed when the engine stops)."""
        return self.gate

    @property
    def deps(self) -> ChainDeps:
        """The chain's dependencies for :attr:`settings` (after :meth:`start`)."""
        if self._deps is None:
            raise RuntimeError("the engine has not been started")
        return self._deps

    @property
    def endpoint(self) -> Endpoint | None:
        """The running embedded runtime, as model routing needs it; ``None`` without one."""
        runtime = self.runtime
        if runtime is None or not runtime.running:
            return None
        return Endpoint(url=runtime.url, api_key=runtime.api_key, label=runtime.model_label)

    def deps_for(self, settings: Settings, generate: Generator | None = None) -> ChainDeps:
        """Chain dependencies for other settings (an eval variant), to this engine's runtime."""
        return build_deps(settings, generate or self.generate, self.endpoint)

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    # --- start ------------------------------------------------------------------------------
    async def start(self) -> Engine:
        """Load the prompts, start the runtime if needed, begin the warm-up. Returns early (no
        error) when a stop is requested meanwhile; raises on a real failure (bad prompts, no model)."""
        if self.phase == "stopped":  # started again (an app whose lifespan runs twice): a fresh gate
            self.gate = StopGate(self.gate.inner)
            self.runtime, self.warming, self._grace, self._stop_begun = None, None, None, False
            self._stop.clear()
        elif self.phase != "idle":
            raise RuntimeError(f"the engine was already started (phase {self.phase})")
        self._loop = asyncio.get_running_loop()
        self._deps = build_deps(self.settings, self.generate)
        if self.stopping:  # asked to stop before it started
            return self
        try:
            if self.embedded:
                await self._start_runtime()
                self._deps = self.deps_for(self.settings)
        except StartCancelled as exc:
            log.info("start-up abandoned: %s", exc)
            return self
        except BaseException:
            self._stop.set()
            if self.runtime is not None:
                self.runtime.stop()
            raise
        if self.stopping:
            return self
        if self.warm and self.runtime is not None:
            self._set_phase("warming")
            self.warming = asyncio.create_task(self._warm_up(), name="tactful-warm-up")
        else:
            self._set_phase("ready")
        return self

    async def _start_runtime(self) -> None:
        self._set_phase("assembling")
        path = await self._in_thread(ensure_model, self.settings, self.progress, cancel=self._stop)
        self._set_phase("loading")
        runtime = RuntimeProcess(path, self.settings)
        self.runtime = runtime
        self.progress(f"starting embedded runtime with {path.name} ({runtime.config.threads} threads)")
        runtime.launch()  # on the loop's thread, which outlives the child (see RuntimeProcess)
        url = await self._in_thread(runtime.wait_ready, self._stop)
        self.progress(f"embedded runtime ready at {url} in {runtime.startup_s or 0:.1f} s")

    async def _in_thread(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``fn`` in a worker thread; if this task is cancelled, the work is told to stop too."""
        try:
            return await asyncio.to_thread(fn, *args, **kwargs)
        except asyncio.CancelledError:
            self._stop.set()
            raise

    async def _warm_up(self) -> float:
        prompts = FAST_PROMPTS if shape(self.settings) == "fast" else FULL_PROMPTS
        took = await warm_up(self.deps, prompts)
        if not self.stopping:
            self._set_phase("ready")
        return took

    # --- stop -------------------------------------------------------------------------------
    def request_stop(self, reason: str = STOPPING) -> None:
        """Begin stopping; safe from a signal handler and from any thread. Returns at once."""
        self._stop.set()  # seen by assembly and load in their threads within ~50 ms
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop is closing: stop() does the rest
            loop.call_soon_threadsafe(self._begin_stop, reason)

    def _begin_stop(self, reason: str) -> None:
        if self._stop_begun:
            return
        self._stop_begun = True
        self._stop.set()
        log.info("stop requested during %s", self.phase)
        if self.warming is not None and not self.warming.done():
            self.warming.cancel()
        grace = self.settings.shutdown_grace_s
        serving = self.phase in ("warming", "ready")  # before that no request deserves a grace
        if grace > 0 and serving and self._loop is not None:
            self._grace = self._loop.call_later(grace, self.gate.close, reason)
        else:
            self.gate.close(reason)
        self._set_phase("stopping")

    async def stop(self) -> None:
        """Stop everything this engine started; model calls still running fail now. Idempotent."""
        if self.phase == "stopped":
            return
        started = time.perf_counter()
        self._begin_stop(STOPPING)
        if self._grace is not None:
            self._grace.cancel()
        self.gate.close(STOPPING)
        if self.warming is not None and not self.warming.done():
            self.warming.cancel()
            await asyncio.wait({self.warming}, timeout=2.0)
        if self.runtime is not None:
            await asyncio.to_thread(self.runtime.stop)
        self._set_phase("stopped")
        log.info("engine stopped in %.2f s", time.perf_counter() - started)

    def kill(self) -> None:
        """Last resort, synchronous: stop the runtime child if it still runs (e.g. a forced exit)."""
        self._stop.set()
        if self.runtime is not None:
            self.runtime.stop()

    def _set_phase(self, phase: Phase) -> None:
        if self._stop_begun and phase not in ("stopping", "stopped"):
            return  # a start-up step that finished after the stop began
        self.phase = phase
        log.info("phase: %s", phase)

    async def __aenter__(self) -> Engine:
        return await self.start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()
