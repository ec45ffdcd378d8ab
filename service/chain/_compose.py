"""Step 3: the reply itself, in the customer's language and the channel's register, keeping the draft's facts."""

from __future__ import annotations

import copy
from typing import Any

from service.chain._call import call_model
from service.chain._deps import ChainDeps
from service.chain._outputs import ComposeOut
from service.chain._render import LANGUAGE_NAMES, NONE, fenced, plan_text, policy_text
from service.chain._state import RewriteState
from service.llm import schema_for

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
    lang = state.language
    customer = req.customer.name if req.customer and req.customer.name else NONE[lang]
    agent = req.agent.signature or req.agent.name if req.agent else None
    return {
        "language": LANGUAGE_NAMES[lang],
        "channel": REGISTER[req.channel],
        "tone": req.options.tone,
        "customer_name": fenced(customer),
        "signature": fenced(agent or NONE[lang]),
        "customer_message": fenced(req.customer_message),
        "draft": fenced(req.draft),
        "empathy": fenced(state.empathy.text) if state.empathy else NONE[lang],
        "plan": plan_text(state.plan, lang),
        "policy": policy_text(req, lang),
    }


async def compose(state: RewriteState, deps: ChainDeps) -> RewriteState:
    out = await call_model(
        state,
        deps,
        step="compose",
        prompt_name="compose",
        schema_name="compose",
        output=ComposeOut,
        schema=reply_schema(state.request.options.max_length),
        values=compose_values(state),
    )
    if out is None:
        return state
    state.reply = out.reply.strip()
    await state.publish("reply", {"reply": state.reply, "revised": False})
    return state
