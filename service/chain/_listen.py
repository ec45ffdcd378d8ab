"""Fast shape, step 1: analysis and the empathy sentence in one model call (one round trip less)."""

from __future__ import annotations

from service.chain._analyse import absorb_analysis, publish_emotion
from service.chain._call import call_model
from service.chain._deps import ChainDeps
from service.chain._empathy_guard import checked_empathy
from service.chain._outputs import ListenOut
from service.chain._render import LANGUAGE_NAMES, fenced, history_text
from service.chain._state import RewriteState
from service.schemas import Empathy
from service.verify import grounded_details


async def listen(state: RewriteState, deps: ChainDeps) -> RewriteState:
    req = state.request
    out = await call_model(
        state,
        deps,
        step="analyse",
        prompt_name="listen",
        schema_name="listen",
        output=ListenOut,
        values={
            "customer_message": fenced(req.customer_message),
            "history": history_text(req, state.language),
            "language": LANGUAGE_NAMES[state.language],
        },
    )
    if out is None:
        return state
    absorb_analysis(state, out)
    await publish_emotion(state)
    text = checked_empathy(state, out.empathy.strip())
    used = grounded_details(state.details, [text]) or state.details[:1]
    state.empathy = Empathy(text=text, details=used)
    await state.publish("empathy", state.empathy.model_dump())
    return state
