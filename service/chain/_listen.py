"""Fast shape, step 1: analysis and the empathy sentence in one model call (one round trip less)."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from service.chain._analyse import absorb_analysis, publish_emotion
from service.chain._call import call_model
from service.chain._deps import ChainDeps
from service.chain._empathy_guard import checked_empathy
from service.chain._outputs import ListenOut
from service.chain._render import LANGUAGE_NAMES, fenced, history_text
from service.chain._state import RewriteState
from service.schemas import Empathy
from service.taxonomy import EMOTION_LABELS
from service.verify import grounded_details

_EARLY = re.compile(r'"emotion"\s*:\s*"(?P<label>[a-z]+)"\s*,\s*"intensity"\s*:\s*(?P<intensity>[1-5])\b')


def early_emotion(state: RewriteState) -> Callable[[str], Awaitable[None]]:
    """Publish the label and intensity as soon as they stream in (the agent sees them first)."""
    sent = False

    async def on_partial(text: str) -> None:
        nonlocal sent
        if sent or not (m := _EARLY.search(text)) or m.group("label") not in EMOTION_LABELS:
            return
        sent = True
        emotion: dict[str, object] = {"label": m.group("label"), "intensity": int(m.group("intensity")), "evidence": []}
        await state.publish("emotion", {"emotion": emotion, "details": [], "core_need": None, "partial": True})

    return on_partial


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
        on_partial=early_emotion(state) if state.emit is not None else None,
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
