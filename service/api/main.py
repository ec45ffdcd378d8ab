"""Assemble the FastAPI app: settings, lifespan (the engine's start and stop), routers, error handlers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import Response

from service.api import problems
from service.api.routes import feedback, health, rewrite, stream, ui
from service.engine import Engine
from service.llm import Generator
from service.settings import Settings, get_settings


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
    engine: Engine = app.state.engine
    await engine.start()  # prompts are loaded strictly here (fail fast); a stop meanwhile returns early
    app.state.deps = engine.deps
    app.state.runtime = engine.runtime if engine.endpoint else None
    app.state.warming = engine.warming
    try:
        yield
    finally:
        await engine.stop()


def create_app(
    settings: Settings | None = None, *, generate: Generator | None = None, engine: Engine | None = None
) -> FastAPI:
    """The app on ``settings``; ``generate`` replaces the model client (tests), ``engine`` the whole
    composition root (``tactful serve`` passes its own, to forward signals to it)."""
    settings = settings or get_settings()
    app = FastAPI(
        title="Tactful",
        version="0.1.0",
        summary="Turn a support agent's rough draft into a reply the customer hears.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine or Engine(settings, generate=generate)
    app.add_middleware(BodyLimit, max_bytes=settings.max_input_chars * 4 + 64_000)
    if settings.cors_origins:  # helpdesk plugins calling from the browser
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"], allow_headers=["*"]
        )
    problems.install(app)
    for module in (rewrite, stream, health, feedback, ui):
        app.include_router(module.router)
    return app
