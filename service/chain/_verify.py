"""The verify step: checks, deterministic repairs, one revision (full shape), and the final gate.

The gate is the last word: a reply that still fails a hard check (``service.verify.HARD_CHECKS``) is
never sent. In the full shape the assembled reply (written by the phrasing layer) is tried next; if it
fails too, the response is the agent's own draft, ``degraded: true``, with the reasons in ``warnings``.
The full shape's rewrite is also not sent when it lost a sentence of the draft that the assembled reply
kept, or the customer's situation that its empathy named (:func:`dropped_parts`): the assembled reply is.
"""

from __future__ import annotations

import re

from service.chain._call import call_model
from service.chain._case import fenced
from service.chain._compose import compose_values, reply_schema
from service.chain._deps import ChainDeps
from service.chain._outputs import ComposeOut
from service.chain._state import RewriteState
from service.chain._steps import REVISE
from service.phrasing import sentences
from service.schemas import Check
from service.verify import (
    REPLY_CHECKS,
    check_warnings,
    claim_sources,
    hard_failures,
    harmful_phrases,
    quantities_of,
    revision_notes,
    text_facts,
    unsupported,
    verify_reply,
)


def _failed(checks: list[Check]) -> list[Check]:
    return [c for c in checks if not c.passed]


def run_checks(state: RewriteState, reply: str, deps: ChainDeps) -> list[Check]:
    return verify_reply(state.request, state.language, reply, state.empathy, state.plan, examples=deps.examples)


def _edit(reply: str, keep: object) -> str:
    """``reply`` with the sentences ``keep(sentence)`` rejects removed, line layout kept."""
    lines = []
    for line in reply.split("\n"):
        parts = [s for s in sentences(line) if keep(s)]  # type: ignore[operator]
        if parts or not line.strip():
            lines.append(("" if any("\u4e00" <= ch <= "\u9fff" for ch in line) else " ").join(parts))
    return "\n".join(lines).strip()


def repair(state: RewriteState, reply: str, checks: list[Check], deps: ChainDeps) -> tuple[str, list[Check]]:
    """Deterministic fixes of a model-written reply: drop sentences with stock or pressure wording or
    with figures no source gives. Kept only when they leave fewer failures."""
    names = {c.name for c in _failed(checks)}
    candidate = reply
    if names & {"no_platitudes", "draft_harm_removed"}:
        candidate = _edit(candidate, lambda s: not harmful_phrases(s, state.language))
    if "no_unsupported_claims" in names:
        pool = quantities_of(claim_sources(state.request, state.plan))
        candidate = _edit(candidate, lambda s: not unsupported(text_facts(s).quantities, pool))
    if candidate and candidate != reply:
        new_checks = run_checks(state, candidate, deps)
        if len(_failed(new_checks)) < len(_failed(checks)):
            state.warnings.append("verify: removed sentences with stock, pressuring or unsupported wording.")
            return candidate, new_checks
    return reply, checks


async def _revise(state: RewriteState, deps: ChainDeps, checks: list[Check]) -> list[Check]:
    assert state.reply is not None
    out = await call_model(
        state,
        deps,
        REVISE,
        ComposeOut,
        values={
            **compose_values(state),
            "reply": fenced(state.reply),
            "problems": "\n".join(f"- {n}" for n in revision_notes(checks, state.language)),
        },
        schema=reply_schema(state.request.options.max_length),
        required=False,
    )
    if out is None:
        return checks
    revised = out.reply.strip()
    revised_checks = run_checks(state, revised, deps)
    if len(_failed(revised_checks)) < len(_failed(checks)):
        state.reply, state.revised = revised, True
        await state.publish("reply", {"reply": revised, "revised": True})
        return revised_checks
    state.warnings.append("revise: the revision fixed nothing; kept the reply before it.")
    return checks


def _grams(text: str) -> set[str]:
    cjk = "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")
    words = {w[:5] for w in re.findall(r"[a-z0-9]{3,}", text.lower())}
    return {cjk[i : i + 2] for i in range(len(cjk) - 1)} | words


def dropped_parts(state: RewriteState, reply: str) -> list[str]:
    """What the assembled reply said that the model's rewrite no longer says: a kept sentence of the
    draft (its information) or the customer's situation the empathy named: under 35 % of its
    character pairs or words are still there (a paraphrase keeps more)."""
    said = _grams(reply)
    parts = [*(state.draft.body if state.draft else []), *(state.empathy.details if state.empathy else [])]
    return [p for p in parts if (g := _grams(p)) and len(g & said) / len(g) < 0.35]


async def verify(state: RewriteState, deps: ChainDeps) -> RewriteState:
    if state.reply is None:
        return state
    checks = run_checks(state, state.reply, deps)
    written_by_model = state.reply != state.assembled
    if written_by_model and _failed(checks):
        reply, checks = repair(state, state.reply, checks, deps)
        if reply != state.reply:
            state.reply = reply
            await state.publish("reply", {"reply": reply, "revised": False})
        if {c.name for c in _failed(checks)} & REPLY_CHECKS:
            checks = await _revise(state, deps, checks)
            reply, checks = repair(state, state.reply, checks, deps)
            state.reply = reply
    hard = hard_failures(checks)
    if hard and written_by_model and state.assembled is not None:
        assembled_checks = run_checks(state, state.assembled, deps)
        if not hard_failures(assembled_checks):
            state.warnings.append(
                "verify: the model's rewrite failed " + ", ".join(c.name for c in hard) + "; sent the assembled reply."
            )
            state.reply, checks, hard = state.assembled, assembled_checks, []
            await state.publish("reply", {"reply": state.reply, "revised": False})
    if not hard and state.reply != state.assembled and state.assembled is not None:
        lost = dropped_parts(state, state.reply)
        if lost:  # the rewrite lost what the draft told the customer, or their situation: not sent
            assembled_checks = run_checks(state, state.assembled, deps)
            if not hard_failures(assembled_checks):
                state.warnings.append(
                    "verify: the model's rewrite dropped " + "; ".join(f"«{p}»" for p in lost)
                    + "; sent the assembled reply."
                )
                state.reply, checks = state.assembled, assembled_checks
                await state.publish("reply", {"reply": state.reply, "revised": False})
    if hard:
        state.failed.append("gate: " + ", ".join(c.name for c in hard))
    state.checks = checks
    state.warnings += check_warnings(checks)
    await state.publish("checks", {"checks": [c.model_dump() for c in checks]})
    return state
