"""Assemble the FastAPI app: settings, lifespan (prompts, model runtime), routers, error handlers."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import Response

from service.api import problems
from service.api.routes import feedback, health, rewrite, stream, ui
from service.chain import FAST_PROMPTS, FULL_PROMPTS, MODEL_STEPS, build_deps, build_targets, shape, warm_up
from service.llm import Generator, LiteLLMGenerator
from service.settings import EMBEDDED_MODEL, Settings, get_settings

log = logging.getLogger("tactful")


def uses_embedded(settings: Settings) -> bool:
    return any(settings.model_for(step) == EMBEDDED_MODEL for step in MODEL_STEPS)


class BodyLimit(BaseHTTPMiddleware):
    """Refuse bodies far above the text budget before reading them (413 problem+json)."""

    def __init__(self, app: object, max_bytes: int) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.max_bytes = max_bytes

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > self.max_bytes:
            return problems.problem(
                413,
                "Request too large",
                f"the body has {length} bytes; the limit is {self.max_bytes}",
                request,
            )
        return await call_next(request)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    override: Generator | None = app.state.generate_override
    generate = override or LiteLLMGenerator(retries=settings.retries, backoff_s=settings.retry_backoff_s)
    deps = build_deps(settings, generate)  # prompts are loaded strictly here: fail fast
    runtime = None
    if override is None and uses_embedded(settings):
        from service.runtime import start_embedded

        runtime = await asyncio.to_thread(start_embedded, settings, log.info)
        targets = build_targets(settings, runtime.url, runtime.model_label, runtime.api_key)
        deps = dataclasses.replace(deps, targets=targets)
    app.state.deps = deps
    app.state.runtime = runtime
    warming: asyncio.Task[float] | None = None
    if runtime is not None:
        prompts = FAST_PROMPTS if shape(settings) == "fast" else FULL_PROMPTS
        warming = asyncio.create_task(warm_up(deps, prompts))
    app.state.warming = warming
    try:
        yield
    finally:
        if warming is not None and not warming.done():
            warming.cancel()
        if runtime is not None:
            runtime.stop()


def create_app(settings: Settings | None = None, *, generate: Generator | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="Tactful",
        version="0.1.0",
        summary="Turn a support agent's rough draft into a reply the customer hears.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.generate_override = generate
    app.add_middleware(BodyLimit, max_bytes=settings.max_input_chars * 4 + 64_000)
    if settings.cors_origins:  # helpdesk plugins calling from the browser
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"], allow_headers=["*"]
        )
    problems.install(app)
    for module in (rewrite, stream, health, feedback, ui):
        app.include_router(module.router)
    return app
