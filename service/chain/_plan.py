"""Step 2b: a SMART plan grounded in the policy facts; anything the facts don't give is the agent's to confirm.

The plan needs the draft and the policy, not the emotion, so it runs concurrently with analysis.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from service.chain._call import call_model
from service.chain._deps import ChainDeps
from service.chain._outputs import PlanOut, StepOut
from service.chain._render import LANGUAGE_NAMES, fenced, history_text, policy_text
from service.chain._state import RewriteState
from service.llm import schema_for
from service.schemas import AGENT_COMMITMENT, PlanStep, RewriteRequest
from service.verify import find_compensation, find_injection_echoes, find_quantities, strip_injected, unsupported


def plan_schema(policy_ids: list[str]) -> dict[str, Any]:
    """PlanOut's schema with ``source`` limited to the policy ids given plus agent_commitment."""
    schema = copy.deepcopy(schema_for(PlanOut))
    step = schema["$defs"]["StepOut"]["properties"]["source"]
    step.pop("maxLength", None)
    step["enum"] = [*policy_ids, AGENT_COMMITMENT]
    return schema


def _ground(out: StepOut, facts: dict[str, str], req: RewriteRequest) -> tuple[PlanStep, str | None]:
    """Map P-ids to fact text; a step that states figures its source doesn't give becomes a commitment."""
    fact = facts.get(out.source)
    step = PlanStep(
        action=out.action.strip(),
        measure=out.measure.strip(),
        deadline=out.deadline.strip(),
        owner=out.owner,
        source=fact if fact is not None else AGENT_COMMITMENT,
    )
    if fact is None:
        return step, None
    pool = [
        q for text in (fact, req.draft, strip_injected(req.customer_message)) for q in find_quantities(text)
    ]
    extra = unsupported(find_quantities(f"{step.action} {step.measure} {step.deadline}"), pool)
    if not extra:
        return step, None
    note = (
        f"plan: '{step.action}' states {', '.join(q.text for q in extra)}, which {out.source} does not "
        "give; marked as an agent commitment to confirm."
    )
    return step.model_copy(update={"source": AGENT_COMMITMENT}), note


def screen(step: PlanStep, req: RewriteRequest) -> str | None:
    """Why a step must not be offered at all: invented compensation, or an injected instruction."""
    text = f"{step.action} {step.measure} {step.deadline}"
    granting = [req.draft, *req.policy, *(t.text for t in req.history if t.role == "agent")]
    granted = {concept for g in granting for concept, _ in find_compensation(strip_injected(g))}
    offered = [term for concept, term in find_compensation(text) if concept not in granted]
    if offered:
        return f"offers {', '.join(offered)}, which no policy fact or the draft grants"
    if find_injection_echoes(text):
        return "carries an instruction to the assistant"
    said = [req.customer_message, req.draft, *(t.text for t in req.history)]
    injected = " ".join(t[len(strip_injected(t)) :] for t in said)
    clean = [q for t in [*said, *req.policy] for q in find_quantities(strip_injected(t))]
    figures = unsupported(find_quantities(text), clean)
    if injected.strip() and figures and not unsupported(figures, find_quantities(injected)):
        return "repeats figures from an instruction hidden in the customer's message"
    if injected.strip() and _borrows(text, injected, " ".join(strip_injected(t) for t in said)):
        return "repeats words from an instruction hidden in the customer's message"
    return None


def _grams(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    cjk = re.sub(r"[^\u4e00-\u9fff]", "", text)
    return {" ".join(words[i : i + 3]) for i in range(len(words) - 2)} | {cjk[i : i + 4] for i in range(len(cjk) - 3)}


def _borrows(text: str, injected: str, clean: str) -> bool:
    """``text`` shares a 3-word (or 4-character) run with the injected part that the clean part lacks."""
    return bool((_grams(text) & _grams(injected)) - _grams(clean))


async def plan(state: RewriteState, deps: ChainDeps) -> RewriteState:
    req = state.request
    facts = state.policy_ids
    out = await call_model(
        state,
        deps,
        step="plan",
        prompt_name="plan",
        schema_name="plan",
        output=PlanOut,
        schema=plan_schema(list(facts)),
        values={
            "customer_message": fenced(req.customer_message),
            "history": history_text(req, state.language),
            "draft": fenced(req.draft),
            "policy": policy_text(req, state.language),
            "language": LANGUAGE_NAMES[state.language],
        },
    )
    if out is None:
        return state
    steps: list[PlanStep] = []
    for raw in out.steps:
        step, note = _ground(raw, facts, req)
        if reason := screen(step, req):
            state.warnings.append(f"plan: dropped '{step.action}': it {reason}.")
            continue
        steps.append(step)
        if note:
            state.warnings.append(note)
    state.plan = steps
    await state.publish("plan", {"steps": [s.model_dump() for s in steps]})
    return state
