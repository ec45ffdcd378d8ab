"""``POST /rewrite``: the draft in, the rewritten reply with emotion, empathy, plan and checks out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body

from service.api._examples import REWRITE_EXAMPLES
from service.api.deps import ChainDepsDep, SettingsDep, guard_request
from service.api.problems import PROBLEM_SCHEMA
from service.chain import rewrite
from service.schemas import RewriteRequest, RewriteResponse

router = APIRouter(tags=["rewrite"])


@router.post(
    "/rewrite",
    response_model=RewriteResponse,
    summary="Rewrite an agent's draft",
    description="Detects the customer's emotion, writes specific empathy and a SMART plan grounded in the "
    "policy facts, composes the reply and verifies it. If the model fails, the draft comes back unchanged "
    "with `degraded: true` and a warning: a draft is never lost.",
    responses={413: PROBLEM_SCHEMA, 422: PROBLEM_SCHEMA},
)
async def rewrite_draft(
    body: Annotated[RewriteRequest, Body(openapi_examples=REWRITE_EXAMPLES)],
    deps: ChainDepsDep,
    settings: SettingsDep,
) -> RewriteResponse:
    guard_request(body, settings)
    return await rewrite(body, deps)
