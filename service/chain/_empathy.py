"""Step 2a: one or two sentences that show the customer they were heard, naming their specifics."""

from __future__ import annotations

from service.chain._call import call_model
from service.chain._deps import ChainDeps
from service.chain._empathy_guard import checked_empathy
from service.chain._outputs import EmpathyOut
from service.chain._render import LANGUAGE_NAMES, bullet, fenced
from service.chain._state import RewriteState
from service.schemas import Empathy


async def empathize(state: RewriteState, deps: ChainDeps) -> RewriteState:
    req = state.request
    emotion = state.emotion
    out = await call_model(
        state,
        deps,
        step="empathy",
        prompt_name="empathy",
        schema_name="empathy",
        output=EmpathyOut,
        values={
            "customer_message": fenced(req.customer_message),
            "details": bullet(state.details, state.language),
            "emotion": f"{emotion.label} ({emotion.intensity}/5)" if emotion else "unknown",
            "need": fenced(state.core_need or ""),
            "language": LANGUAGE_NAMES[state.language],
        },
    )
    if out is None:
        return state
    text = checked_empathy(state, out.text.strip())
    details = [d for d in out.details if d.strip() and d in state.details] or state.details[:2]
    state.empathy = Empathy(text=text, details=details)
    await state.publish("empathy", state.empathy.model_dump())
    return state
