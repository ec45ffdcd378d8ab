"""Step 4: deterministic checks; one revision call that lists the violations; never hide a failure."""

from __future__ import annotations

from service.chain._assemble import assemble_reply, edit_sentences, strip_platitudes
from service.chain._call import call_model
from service.chain._compose import compose_values, reply_schema
from service.chain._deps import ChainDeps
from service.chain._outputs import ComposeOut
from service.chain._render import bullet, fenced
from service.chain._state import RewriteState
from service.schemas import Check
from service.verify import claim_sources, find_quantities, revision_notes, strip_injected, unsupported, verify_reply


def _failed(checks: list[Check]) -> list[Check]:
    return [c for c in checks if not c.passed]


def run_checks(state: RewriteState, reply: str) -> list[Check]:
    return verify_reply(state.request, state.language, reply, state.empathy, state.plan)


def drop_unsupported(state: RewriteState, reply: str) -> tuple[str, list[str]]:
    """Remove the sentences that state figures no source gives: last guard against invented promises."""
    pool = [q for text in claim_sources(state.request, state.plan) for q in find_quantities(text)]
    removed: list[str] = []

    def edit(sentence: str) -> str | None:
        if unsupported(find_quantities(sentence), pool):
            removed.append(sentence)
            return None
        return sentence

    return edit_sentences(reply, state.language, edit), removed


# Checks a rewrite of the reply text can fix; plan_complete and empathy_specific judge the plan
# and the empathy step, which a revision of the reply does not change.
REPLY_CHECKS = frozenset(
    {
        "no_platitudes",
        "no_unsupported_claims",
        "language_match",
        "draft_facts_kept",
        "no_injection_echo",
        "length_budget",
    }
)


def _names(checks: list[Check]) -> set[str]:
    return {c.name for c in _failed(checks)}


def repair(state: RewriteState, reply: str, checks: list[Check]) -> tuple[str, list[Check]]:
    """Deterministic fixes first: a lost draft fact or a stock phrase needs no model call."""
    assert state.reply is not None
    if "draft_facts_kept" in _names(checks) and state.body is not None:
        candidate = assemble_reply(state, strip_platitudes(strip_injected(state.request.draft), state.language))
        reply, checks = _better(state, (reply, checks), candidate, "used the draft's own sentences")
    if "no_platitudes" in _names(checks):
        candidate = strip_platitudes(reply, state.language)
        reply, checks = _better(state, (reply, checks), candidate, "removed stock phrases")
    if "no_unsupported_claims" in _names(checks):
        candidate, removed = drop_unsupported(state, reply)
        reply, checks = _better(
            state, (reply, checks), candidate, f"removed unsupported sentence(s): {' | '.join(removed)}"
        )
    return reply, checks


def _better(
    state: RewriteState, current: tuple[str, list[Check]], candidate: str, what: str
) -> tuple[str, list[Check]]:
    if not candidate.strip():
        return current
    candidate_checks = run_checks(state, candidate)
    if len(_failed(candidate_checks)) < len(_failed(current[1])):
        state.warnings.append(f"verify: {what}.")
        return candidate, candidate_checks
    return current


async def verify(state: RewriteState, deps: ChainDeps) -> RewriteState:
    if state.reply is None:
        return state
    checks = run_checks(state, state.reply)
    if _failed(checks):
        reply, checks = repair(state, state.reply, checks)
        if reply != state.reply:
            state.reply = reply
            await state.publish("reply", {"reply": reply, "revised": False})
    if _names(checks) & REPLY_CHECKS:
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
            if len(_failed(revised_checks)) < len(_failed(checks)):
                state.reply, checks, state.revised = revised, revised_checks, True
                await state.publish("reply", {"reply": state.reply, "revised": True})
            else:
                state.warnings.append("revise: the revision fixed nothing; kept the first reply.")
        if _failed(checks):  # the revision may bring its own stock phrase or figure: same repairs again
            reply, checks = repair(state, state.reply, checks)
            if reply != state.reply:
                state.reply = reply
                await state.publish("reply", {"reply": reply, "revised": state.revised})
    state.checks = checks
    for c in _failed(checks):
        state.warnings.append(f"check '{c.name}' failed: {c.detail}")
    await state.publish("checks", {"checks": [c.model_dump() for c in checks]})
    return state
