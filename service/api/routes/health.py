"""Liveness and readiness."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

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


@router.get("/readyz", summary="The model is reachable")
async def readyz(request: Request) -> JSONResponse:
    state = request.app.state
    targets: dict[str, Any] = {}
    ready = True
    runtime = getattr(state, "runtime", None)
    for step, target in state.deps.targets.items():
        base = target.api_base
        if target.display in targets:
            continue
        if runtime is not None and base == runtime.url:
            ok = await runtime.ready()
            ready = ready and ok
            targets[target.display] = {"reachable": ok, "api_base": base, "first_step": step, "embedded": True}
            continue
        if base is None:
            targets[target.display] = {"reachable": None, "detail": "hosted provider; not probed"}
            continue
        ok = await _probe(base)
        ready = ready and ok
        targets[target.display] = {"reachable": ok, "api_base": base, "first_step": step}
    warming = getattr(state, "warming", None)
    body: dict[str, Any] = {"status": "ready" if ready else "unavailable", "models": targets}
    if warming is not None:
        body["prompt_cache"] = "warm" if warming.done() else "warming"
    return JSONResponse(body, status_code=200 if ready else 503)
