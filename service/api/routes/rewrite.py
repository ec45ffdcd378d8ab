"""``POST /rewrite``: the draft in, the rewritten reply with emotion, empathy, plan and checks out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Response

from service.api._examples import REWRITE_EXAMPLES
from service.api._serve import CLIENT_CLOSED, rewrite_once
from service.api.deps import ServingDep, guard_request
from service.api.problems import problems
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
    body: Annotated[RewriteRequest, Body(openapi_examples=REWRITE_EXAMPLES)], serving: ServingDep
) -> RewriteResponse | Response:
    guard_request(body, serving.settings)
    response = await rewrite_once(body, serving)
    if response is None:
        return Response(status_code=CLIENT_CLOSED)
    return response
