"""Liveness, readiness and metrics.

``/healthz`` and ``/readyz`` are open to anyone and say nothing about providers, addresses or keys:
readiness is ``ready`` or ``unavailable`` (503), plus the embedded runtime's state (``running``,
``restarting``, ``failed``) and its prompt cache. An ``admin`` key also sees each model's reachability.
``/metrics`` (Prometheus text) needs an ``admin`` key once keys are configured.
"""

from __future__ import annotations

from typing import Annotated, Any

import httpx
from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response

from service.api._auth import Authenticator
from service.api.deps import AdminKey, MetricsDep, presented_key
from service.api.problems import problems
from service.engine import EMBEDDED_TARGET_MODEL
from service.errors import InputError
from service.observability import CONTENT_TYPE

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process is up")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


async def _probe(base: str) -> bool:
    try:
        async with httpx.AsyncClient(timeout=3.0) as client:
            resp = await client.get(base.rstrip("/") + "/models")
        return resp.status_code < 500
    except httpx.HTTPError:
        return False


async def _models(request: Request) -> tuple[bool, dict[str, Any]]:
    """Whether every model endpoint answers, and per model what an admin may see."""
    state = request.app.state
    runtime = getattr(state, "runtime", None)
    ready = True
    seen: dict[str, Any] = {}
    for step, target in state.deps.targets.items():
        if target.display in seen:
            continue
        base = target.api_base
        if runtime is not None and target.model == EMBEDDED_TARGET_MODEL:  # its URL is unset while it restarts
            ok = await runtime.ready()
            seen[target.display] = {"reachable": ok, "first_step": step, "embedded": True}
        elif base is None:
            ok = True
            seen[target.display] = {"reachable": None, "first_step": step, "detail": "hosted provider; not probed"}
        else:
            ok = await _probe(base)
            seen[target.display] = {"reachable": ok, "first_step": step}
        ready = ready and ok
    return ready, seen


def _is_admin(request: Request, key: str | None) -> bool:
    authenticator: Authenticator = request.app.state.auth
    if authenticator.open or key is None:
        return False
    try:
        return authenticator.identify(key, None).can("admin")
    except InputError:
        return False


@router.get("/readyz", summary="The model is reachable", responses={503: {"description": "Not ready"}})
async def readyz(request: Request, key: Annotated[str | None, Depends(presented_key)]) -> JSONResponse:
    state = request.app.state
    ready, models = await _models(request)
    body: dict[str, Any] = {}
    supervisor = getattr(state, "supervisor", None)
    if supervisor is not None:
        body["runtime"] = supervisor.status
        ready = ready and supervisor.status == "running"
        if supervisor.restarts:
            body["runtime_restarts"] = supervisor.restarts
    warming = getattr(state, "warming", None)
    if warming is not None:
        body["prompt_cache"] = "warm" if warming.done() else "warming"
    if _is_admin(request, key):
        body["models"] = models
    return JSONResponse({"status": "ready" if ready else "unavailable", **body}, status_code=200 if ready else 503)


@router.get(
    "/metrics",
    summary="Prometheus metrics (tactful_*)",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE: {"schema": {"type": "string"}}}}, **problems(401, 403)},
)
async def metrics(principal: AdminKey, metrics: MetricsDep) -> Response:
    return Response(metrics.render(), media_type=CONTENT_TYPE)
