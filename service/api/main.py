"""Assemble the FastAPI app: settings, lifespan (the engine's start and stop), middleware, routers, error handlers."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from service.api import problems
from service.api._admission import Admission, default_capacity
from service.api._auth import Authenticator, check_exposure
from service.api._middleware import REQUEST_ID_HEADER, BodyLimit, RequestContext
from service.api._rates import rate_for
from service.api.routes import apps, docs, feedback, health, openai_compat, profiles, rewrite, stream, ui
from service.chain import FAST_PROMPTS, FULL_PROMPTS, shape, warm_up
from service.engine import Engine, uses_embedded
from service.errors import StoreUnavailable
from service.feedback import FeedbackStore, RewriteIds
from service.llm import Generator
from service.observability import Metrics, Tracing, register_secret, register_settings_secrets
from service.settings import Settings, get_settings

log = logging.getLogger("tactful")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    engine: Engine = app.state.engine
    store: FeedbackStore = app.state.store
    try:  # the schema before the first request; a database that is down now is migrated on first use
        version = await asyncio.to_thread(store.migrate)
        log.info("feedback store: %s at schema %d", store.backend, version)
    except StoreUnavailable as exc:
        log.warning("feedback store not reachable at start-up (%s); feedback gets 503 until it is", exc)
    await engine.start()  # prompts are loaded strictly here (fail fast); a stop meanwhile returns early
    settings: Settings = app.state.settings
    runtime = engine.runtime if engine.endpoint else None
    app.state.deps = engine.deps
    app.state.runtime = runtime
    app.state.warming = engine.warming
    supervising: asyncio.Task[None] | None = None
    if runtime is not None:
        register_secret(runtime.api_key)
        from service.runtime import RuntimeSupervisor

        # the embedded runtime's slots decide the default capacity
        capacity = default_capacity(settings, runtime.parallel, shape(settings))
        app.state.admission = Admission.from_settings(settings, capacity)
        prompts = FAST_PROMPTS if shape(settings) == "fast" else FULL_PROMPTS

        def restarted() -> None:  # same port and key: the chain's targets stay valid; warm the new cache
            app.state.metrics.runtime_restarts.inc()
            app.state.warming = asyncio.create_task(warm_up(engine.deps, prompts))

        supervisor = RuntimeSupervisor(runtime, on_restart=restarted, paused=lambda: engine.stopping)
        app.state.supervisor = supervisor
        supervising = asyncio.create_task(supervisor.run(), name="tactful-runtime-supervisor")
    log.info("admission: %d rewrites at once, %d waiting", app.state.admission.capacity, app.state.admission.max_queue)
    try:
        yield
    finally:
        if supervising is not None:
            supervising.cancel()
        warming = app.state.warming
        if warming is not None and warming is not engine.warming and not warming.done():
            warming.cancel()
        await engine.stop()
        await asyncio.to_thread(store.close)
        if app.state.rate_limiter is not None:
            await app.state.rate_limiter.close()
        app.state.tracing.shutdown()


def create_app(
    settings: Settings | None = None, *, generate: Generator | None = None, engine: Engine | None = None
) -> FastAPI:
    """The app on ``settings``; ``generate`` replaces the model client (tests), ``engine`` the whole
    composition root (``tactful serve`` passes its own, to forward signals to it)."""
    settings = settings or get_settings()
    check_exposure(settings)  # no keys on a public address: refuse to start
    register_settings_secrets(settings)
    app = FastAPI(
        title="Tactful",
        version="0.1.0",
        summary="Turn a support agent's rough draft into a reply the customer hears.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.metrics = metrics = Metrics()
    app.state.tracing = tracing = Tracing.from_settings(settings)
    if engine is None:
        engine = Engine(settings, generate=generate, wrap=tracing.wrap)
    elif tracing.enabled:
        engine.decorate(tracing.wrap)
    app.state.engine = engine
    app.state.auth = Authenticator(settings)
    app.state.ids = RewriteIds.from_settings(settings)
    if settings.id_secret is None and settings.database_url is not None:
        log.warning("TACTFUL_DATABASE_URL is shared but TACTFUL_ID_SECRET is not set: this replica signs rewrite "
                    "ids with its own secret, and the others will refuse feedback on them")
    app.state.store = FeedbackStore.for_settings(settings)
    app.state.rate_limiter = rate_for(settings, on_fallback=metrics.rate_store_fallbacks.inc)
    app.state.supervisor = None
    capacity = default_capacity(
        settings, settings.embedded_parallel if uses_embedded(settings) else None, shape(settings)
    )
    app.state.admission = Admission.from_settings(settings, capacity)
    metrics.bind_admission(
        inflight=lambda: app.state.admission.inflight,
        queued=lambda: app.state.admission.queued,
        capacity=lambda: app.state.admission.capacity,
    )

    def limit_for(path: str) -> int:
        return settings.max_feedback_bytes if path.startswith("/feedback") else settings.max_body_bytes

    app.add_middleware(BodyLimit, limit_for=limit_for)
    if settings.cors_origins:  # helpdesk plugins calling from the browser
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PATCH"],
            allow_headers=["Authorization", "Content-Type", "X-API-Key", REQUEST_ID_HEADER],
            expose_headers=[REQUEST_ID_HEADER, "Retry-After"],
        )
    app.add_middleware(RequestContext, metrics=metrics, tracing=tracing)  # outermost: added last
    problems.install(app)
    for module in (rewrite, stream, openai_compat, profiles, health, feedback, ui, apps, docs):
        app.include_router(module.router)
    return app
