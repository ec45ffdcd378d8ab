"""Step 4: deterministic checks; one revision call that lists the violations; never hide a failure."""

from __future__ import annotations

import re
from typing import Any

from service.chain._call import call_model
from service.chain._compose import compose_values, reply_schema
from service.chain._deps import ChainDeps
from service.chain._outputs import ComposeOut
from service.chain._render import bullet, fenced
from service.chain._state import RewriteState
from service.schemas import Check
from service.verify import extract_quantities, revision_notes, verify_reply

_SENTENCE_END = re.compile(r"(?<=[。！？!?；;\n])|(?<=[.])\s+")


def _failed(checks: list[Check]) -> list[Check]:
    return [c for c in checks if not c.passed]


def run_checks(state: RewriteState, reply: str) -> list[Check]:
    return verify_reply(state.request, state.language, reply, state.empathy, state.plan)


def _supported(state: RewriteState) -> set[Any]:
    req = state.request
    texts = [req.draft, req.customer_message, *(t.text for t in req.history), *req.policy]
    texts += [f"{s.action} {s.measure} {s.deadline}" for s in state.plan]
    found: set[Any] = set()
    for text in texts:
        found |= set(extract_quantities(text))
    return found


def drop_unsupported(state: RewriteState, reply: str) -> tuple[str, list[str]]:
    """Remove the sentences that state figures no source gives: last guard against invented promises."""
    supported = _supported(state)
    kept, removed = [], []
    for sentence in _SENTENCE_END.split(reply):
        if set(extract_quantities(sentence)) - supported:
            removed.append(sentence.strip())
        else:
            kept.append(sentence)
    joiner = "" if state.language == "zh" else " "
    return joiner.join(s.strip() if joiner else s for s in kept).strip(), removed


async def verify(state: RewriteState, deps: ChainDeps) -> RewriteState:
    if state.reply is None:
        return state
    checks = run_checks(state, state.reply)
    if _failed(checks):
        out = await call_model(
            state,
            deps,
            step="revise",
            prompt_name="revise",
            schema_name="compose",
            output=ComposeOut,
            schema=reply_schema(state.request.options.max_length),
            values={
                **compose_values(state),
                "reply": fenced(state.reply),
                "problems": bullet(revision_notes(checks, state.language), state.language),
            },
            required=False,
        )
        if out is not None:
            revised = out.reply.strip()
            revised_checks = run_checks(state, revised)
            if len(_failed(revised_checks)) <= len(_failed(checks)):
                state.reply, checks, state.revised = revised, revised_checks, True
                await state.publish("reply", {"reply": state.reply, "revised": True})
            else:
                state.warnings.append("revise: the revision failed more checks than the first reply; kept the first.")
    if any(c.name == "no_unsupported_claims" for c in _failed(checks)):
        cleaned, removed = drop_unsupported(state, state.reply)
        if removed and cleaned:
            state.reply, checks = cleaned, run_checks(state, cleaned)
            state.warnings.append(f"removed unsupported sentence(s): {' | '.join(removed)}")
            await state.publish("reply", {"reply": state.reply, "revised": state.revised})
    state.checks = checks
    for c in _failed(checks):
        state.warnings.append(f"check '{c.name}' failed: {c.detail}")
    await state.publish("checks", {"checks": [c.model_dump() for c in checks]})
    return state
