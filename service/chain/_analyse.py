"""Step 1: what the customer feels, how strongly, the quotes that show it, their specifics, their need."""

from __future__ import annotations

import re

from service.chain._call import call_model
from service.chain._deps import ChainDeps
from service.chain._outputs import AnalysisOut
from service.chain._render import LANGUAGE_NAMES, fenced, history_text
from service.chain._state import RewriteState
from service.schemas import Emotion
from service.verify import find_injection_echoes, grounded_details, strip_injected


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def absorb_analysis(state: RewriteState, out: AnalysisOut) -> None:
    """Keep only evidence that quotes the customer and details grounded in what they wrote."""
    req = state.request
    message = _squash(req.customer_message + " ".join(t.text for t in req.history if t.role == "customer"))
    evidence = [q for q in out.evidence if q.strip() and _squash(q) in message]
    if len(evidence) < len(out.evidence):
        state.warnings.append("analyse: dropped evidence that is not a quote from the customer's message.")
    # what follows an injected instruction is the attacker's script, not the customer's situation
    sources = [strip_injected(req.customer_message), *(strip_injected(t.text) for t in req.history)]
    clean = [d for d in out.details if d.strip() and not find_injection_echoes(d)]
    if len(clean) < len(out.details):
        state.warnings.append("analyse: dropped a detail that carries an instruction to the assistant.")
    details = grounded_details(clean, sources)
    state.emotion = Emotion(label=out.emotion, intensity=out.intensity, evidence=evidence)
    state.details = details or clean[:2]
    state.core_need = out.need


async def publish_emotion(state: RewriteState) -> None:
    assert state.emotion is not None
    await state.publish(
        "emotion",
        {"emotion": state.emotion.model_dump(), "details": state.details, "core_need": state.core_need},
    )


async def analyse(state: RewriteState, deps: ChainDeps) -> RewriteState:
    req = state.request
    out = await call_model(
        state,
        deps,
        step="analyse",
        prompt_name="analyse",
        schema_name="analysis",
        output=AnalysisOut,
        values={
            "customer_message": fenced(req.customer_message),
            "history": history_text(req, state.language),
            "language": LANGUAGE_NAMES[state.language],
        },
    )
    if out is not None:
        absorb_analysis(state, out)
        await publish_emotion(state)
    return state
