"""``POST /rewrite``: the draft in, the rewritten reply with emotion, empathy, plan and checks out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Request, Response

from service.api._examples import REWRITE_EXAMPLES
from service.api._serve import CLIENT_CLOSED, admit, budgeted, finish, until_disconnect
from service.api.deps import (
    AdmissionDep,
    ChainDepsDep,
    IdsDep,
    MetricsDep,
    RateLimiterDep,
    RewriteKey,
    SettingsDep,
    guard_request,
)
from service.api.problems import problems
from service.chain import rewrite
from service.schemas import RewriteRequest, RewriteResponse

router = APIRouter(tags=["rewrite"])


@router.post(
    "/rewrite",
    response_model=RewriteResponse,
    summary="Rewrite an agent's draft",
    description="Detects the customer's emotion, writes specific empathy and a SMART plan grounded in the "
    "policy facts, composes the reply and verifies it. If the model fails, the draft comes back unchanged "
    "with `degraded: true`, `degraded_reason` and a warning: a draft is never lost. The `id` is signed by "
    "this server; `POST /feedback` names it. Beyond the service's capacity and queue the answer is 429 with "
    "`Retry-After`; a client that closes the connection cancels the model calls.",
    responses=problems(401, 403, 413, 422, 429),
)
async def rewrite_draft(
    body: Annotated[RewriteRequest, Body(openapi_examples=REWRITE_EXAMPLES)],
    request: Request,
    principal: RewriteKey,
    deps: ChainDepsDep,
    settings: SettingsDep,
    admission: AdmissionDep,
    limiter: RateLimiterDep,
    ids: IdsDep,
    metrics: MetricsDep,
) -> RewriteResponse | Response:
    guard_request(body, settings)

    async def run() -> RewriteResponse:
        ticket = await admit(principal, admission, limiter)
        try:
            response = await rewrite(body, budgeted(deps, ticket))
        except BaseException:
            ticket.release(measured=False)
            raise
        ticket.release()
        return finish(body, response, ticket=ticket, settings=settings, ids=ids, metrics=metrics)

    stayed, response = await until_disconnect(run(), request)
    if not stayed or response is None:
        return Response(status_code=CLIENT_CLOSED)
    return response
