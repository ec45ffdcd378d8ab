"""The realise step: the reply written by the phrasing layer from what the read step found (no model call)."""

from __future__ import annotations

from service.chain._deps import ChainDeps
from service.chain._state import RewriteState
from service.phrasing import Reading, realise


async def realise_reply(state: RewriteState, deps: ChainDeps) -> RewriteState:
    if state.emotion is None:
        return state
    reading = Reading(
        emotion=state.emotion.label, intensity=state.emotion.intensity, picked=state.picked, best=state.best
    )
    out = realise(state.request, state.language, reading, seed=state.seed)
    state.situation = out.situation
    state.empathy = out.empathy
    state.plan = out.plan
    state.draft = out.draft
    state.assembled = state.reply = out.reply
    state.warnings.extend(out.warnings)
    await state.publish("empathy", state.empathy.model_dump())
    await state.publish("plan", {"steps": [s.model_dump() for s in state.plan]})
    await state.publish("reply", {"reply": state.reply, "revised": False})
    return state
