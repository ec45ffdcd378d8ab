"""The read step: one model call that classifies and extracts (emotion, evidence, situation, best fact).

The answer is checked before anything uses it: evidence must be one of the customer's clauses, the
label is reconciled with keyword cues, and the situation goes through the phrasing layer's checks.
The emotion label is streamed as soon as it is decoded.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable

from service.chain._call import call_model
from service.chain._case import NO_FACT, clause_of, read_schema, read_values
from service.chain._cue import customer_text, read_cues, reconcile
from service.chain._deps import ChainDeps
from service.chain._outputs import ReadOut
from service.chain._state import RewriteState
from service.chain._steps import READ
from service.llm import schema_for
from service.phrasing import prime
from service.schemas import Emotion
from service.taxonomy import EMOTION_LABELS
from service.verify import text_facts

_EARLY = re.compile(r'"emotion"\s*:\s*"(?P<label>[a-z]+)"\s*,\s*"intensity"\s*:\s*(?P<intensity>[1-5])\b')


def early_emotion(state: RewriteState) -> Callable[[str], Awaitable[None]]:
    """Publish the model's label and intensity as soon as they stream in."""
    sent = False

    async def on_partial(text: str) -> None:
        nonlocal sent
        if sent or not (m := _EARLY.search(text)) or m.group("label") not in EMOTION_LABELS:
            return
        sent = True
        emotion: dict[str, object] = {"label": m.group("label"), "intensity": int(m.group("intensity")), "evidence": []}
        await state.publish("emotion", {"emotion": emotion, "partial": True, "source": "model"})

    return on_partial


async def read(state: RewriteState, deps: ChainDeps) -> RewriteState:
    req = state.request
    # The policy facts' embeddings (which facts speak to this case) are computed while the model reads.
    texts = [text_facts(req.customer_message).clean, text_facts(req.draft).clean, *req.policy]
    embedding = asyncio.create_task(asyncio.to_thread(prime, texts))
    try:
        out = await call_model(
            state,
            deps,
            READ,
            ReadOut,
            values=read_values(req, state.language),
            schema=read_schema(schema_for(ReadOut), req),
            on_partial=early_emotion(state) if state.emit is not None else None,
        )
    finally:
        await embedding
    if out is None:
        return state
    cues = read_cues(customer_text(state), state.language)
    label, intensity, why = reconcile(out.emotion, out.intensity, cues)
    if why:
        state.warnings.append(f"read: emotion {out.emotion} -> {label}: {why}.")
    quote = clause_of(req, out.evidence)
    clean = text_facts(req.customer_message).clean
    evidence = [quote.strip(" ，,。.!！?？")] if quote and quote.strip() in clean else []
    if quote and not evidence:
        state.warnings.append("read: the clause the model quoted as evidence is part of an injected instruction.")
    state.emotion = Emotion(label=label, intensity=intensity, evidence=evidence)
    ids = sorted(dict.fromkeys(out.situation), key=lambda i: int(i[1:]) if i[1:].isdigit() else 0)
    state.picked = tuple(c for c in (clause_of(req, i) for i in ids) if c)
    state.best = out.best if out.best != NO_FACT else None
    await state.publish("emotion", {"emotion": state.emotion.model_dump(), "partial": False, "source": "model"})
    return state
