"""llama.cpp's OpenAI-compatible HTTP server, in-process, through the xllamacpp wheel.

The server listens on loopback only and requires a per-process API key. It lives as long
as the ``xllamacpp.Server`` object does: :meth:`EmbeddedRuntime.stop` drops it.

Facts about xllamacpp 2026.10.11549, measured here, and why the service runs this server in a
child process (:class:`service.runtime.RuntimeProcess`) rather than in its own:

- constructing the server holds the GIL while the model loads (an asyncio loop gets no tick
  and no Python signal handler runs during ``asyncio.to_thread(start)``);
- releasing a server that is busy (e.g. prefilling the prompt cache) blocks in its destructor,
  GIL held, until the batch in progress ends: a SIGTERM during the warm-up left the service at
  "Waiting for application shutdown" for over 60 s;
- the constructor returns just *before* the server's main loop starts, and a server
  released in that window never stops (its destructor joins a loop that missed the
  terminate flag, with the GIL held: the process hangs). :func:`launch_server`
  therefore sends one metrics task through the task queue, which only returns once the
  main loop runs.

A child process is stopped by the kernel at any moment (loading, warming, serving), so the
service itself stays responsive to signals. :class:`EmbeddedRuntime` remains for in-process use
(the child itself, tests).
"""

from __future__ import annotations

import time
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx

from service.errors import RuntimeStartError
from service.llm import ModelTarget
from service.runtime._base import RuntimeBase
from service.runtime._params import MODEL_ALIAS, RuntimeConfig, common_params
from service.runtime._spec import INSTALL_HINT
from service.settings import Settings


def _import_xllamacpp() -> Any:
    try:
        import xllamacpp
    except ImportError as exc:
        raise RuntimeStartError(f"the embedded runtime (xllamacpp) is not installed: {INSTALL_HINT}") from exc
    return xllamacpp


class EmbeddedRuntime(RuntimeBase):
    """One in-process llama.cpp server for ``model_path``, configured from ``settings``."""

    def __init__(self, model_path: Path, settings: Settings, *, api_key: str | None = None) -> None:
        super().__init__(model_path, settings, api_key=api_key)
        self._server: Any = None

    # --- lifecycle -----------------------------------------------------------------------
    def start(self) -> str:
        """Load the model and listen; blocking. Returns the OpenAI base URL (``http://127.0.0.1:P/v1``)."""
        with self._lock:
            if self._server is not None:
                return self._url
            self._server, self._url, self.startup_s = launch_server(self.config)
            return self._url

    def stop(self) -> None:
        """Stop serving (the server shuts down when its object is released). Idempotent."""
        with self._lock:
            server, self._server, self._url = self._server, None, ""
        del server

    def __enter__(self) -> EmbeddedRuntime:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # --- facts (config, url, api_key, model_label: RuntimeBase) -------------------------
    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def target(self) -> ModelTarget:
        """Where litellm should send calls for the embedded model."""
        return ModelTarget(
            model=f"openai/{MODEL_ALIAS}", api_base=self.url, api_key=self._api_key, label=self.model_label
        )

    async def ready(self, timeout_s: float = 2.0) -> bool:
        """True if the runtime answers ``GET /health`` with 200 (model loaded, not busy loading)."""
        return await is_healthy(self._url, timeout_s)


def launch_server(cfg: RuntimeConfig) -> tuple[Any, str, float]:
    """Start an ``xllamacpp.Server`` for ``cfg`` (blocking, GIL held while it loads): server, base URL, seconds."""
    if not cfg.model_path.is_file():
        raise RuntimeStartError(f"embedded model file {cfg.model_path} does not exist")
    x = _import_xllamacpp()
    started = time.perf_counter()
    try:
        server = x.Server(common_params(x, cfg))
    except RuntimeError as exc:
        port = f"port {cfg.port}" if cfg.port else "a free port"
        raise RuntimeStartError(
            f"the embedded runtime failed to start on 127.0.0.1 ({port}) with {cfg.model_path}: "
            f"{exc} (is the file a GGUF, is the port free? TACTFUL_LOG_LEVEL=debug shows more)"
        ) from exc
    server.handle_metrics()  # returns once the main loop runs: stopping is safe from here on
    return server, _base_url(str(server.listening_address)), time.perf_counter() - started


async def is_healthy(base_url: str, timeout_s: float = 2.0) -> bool:
    """True if the llama.cpp server at ``base_url`` (``.../v1``) answers ``GET /health`` with 200."""
    if not base_url:
        return False
    health = base_url.removesuffix("/v1") + "/health"
    try:
        async with httpx.AsyncClient(timeout=timeout_s, trust_env=False) as client:
            response = await client.get(health)
    except httpx.HTTPError:
        return False
    return response.status_code == 200


def _base_url(listening_address: str) -> str:
    """``http://127.0.0.1:PORT/v1`` from the server's ``listening_address`` (with or without scheme)."""
    address = listening_address.strip().rstrip("/")
    if "://" not in address:
        address = f"http://{address}"
    return f"{address}/v1"
