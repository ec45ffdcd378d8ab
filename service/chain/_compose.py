"""Full shape: the model rewrites the assembled reply in its own words, keeping every fact and step."""

from __future__ import annotations

import copy
from typing import Any

from service.chain._call import call_model
from service.chain._case import LANGUAGE_NAMES, NONE, fenced, numbered_policy
from service.chain._deps import ChainDeps
from service.chain._outputs import ComposeOut
from service.chain._state import RewriteState
from service.chain._steps import COMPOSE
from service.llm import schema_for
from service.phrasing import signature

REGISTER: dict[str, str] = {
    "chat": "chat: short paragraphs, friendly, no letter formalities",
    "email": "email: greeting line, short paragraphs, sign-off with the agent's signature",
    "sms": "sms: two or three short sentences at most, no greeting line",
    "phone": "phone script: spoken sentences the agent will say aloud, short and simple",
}


def reply_schema(max_length: int | None) -> dict[str, Any]:
    schema = copy.deepcopy(schema_for(ComposeOut))
    if max_length:
        schema["properties"]["reply"]["maxLength"] = max_length
    return schema


def compose_values(state: RewriteState) -> dict[str, str]:
    req = state.request
    name = req.customer.name if req.customer and req.customer.name else NONE
    return {
        "language": LANGUAGE_NAMES[state.language],
        "channel": REGISTER[req.channel],
        "tone": req.options.tone,
        "customer_name": fenced(name),
        "signature": fenced(signature(req) or NONE),
        "customer_message": fenced(req.customer_message),
        "draft": fenced(req.draft),
        "policy": numbered_policy(req),
        "assembled": fenced(state.assembled or ""),
    }


async def compose(state: RewriteState, deps: ChainDeps) -> RewriteState:
    if state.assembled is None:
        return state
    out = await call_model(
        state,
        deps,
        COMPOSE,
        ComposeOut,
        values=compose_values(state),
        schema=reply_schema(state.request.options.max_length),
        required=False,
    )
    if out is None:
        state.warnings.append("compose: kept the assembled reply.")
        return state
    state.reply = out.reply.strip()
    await state.publish("reply", {"reply": state.reply, "revised": False})
    return state
