"""Check ``plan_complete``: every step says what, how it is measured, by when, and on what basis."""

from __future__ import annotations

import re

from service.schemas import AGENT_COMMITMENT, Check, Finding, PlanStep
from service.verify._detail import items, quote
from service.verify._text import normalize
from service.verify._textfacts import text_facts

NAME = "plan_complete"

_CONCRETE = re.compile(
    r"\b(?:today|tonight|tomorrow|now|immediately|right\s+away|noon|midnight|eod|cob"
    r"|this\s+(?:morning|afternoon|evening|week|call)|end\s+of\s+(?:the\s+|this\s+)?(?:day|week|month|call)"
    r"|next\s+(?:week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday|(?:available|working)\s+day|day)"
    r"|same\s+day|at\s+once|within\s+\w+\s+(?:hours?|days?|minutes?)"
    r"|(?:during|before\s+the\s+end\s+of|on)\s+(?:this|the)\s+call|before\s+(?:we|you)\s+hang\s+up"
    r"|within\s+the\s+day|(?:your|the)\s+(?:due|billing|payment|statement)\s+date)\b"
    r"|今天|今日|今晚|明天|明日|明早|明晚|后天|当天|当日|本周|这周|下周|月底|月末|周末|年底|小时|分钟|工作日|每天|每日|次日"
    r"|立即|立刻|马上|现在|当场|本次通话|通话结束前|挂机前|挂电话前|还款日|账单日|到期日|截止日",
    re.IGNORECASE,
)
_VAGUE = re.compile(
    r"\b(?:soon|asap|a\.s\.a\.p|as\s+soon\s+as\s+possible|shortly|later|in\s+due\s+course|promptly"
    r"|at\s+the\s+earliest|when(?:ever)?\s+possible|at\s+some\s+point|eventually|in\s+a\s+timely\s+manner"
    r"|tbd|to\s+be\s+confirmed)\b|尽快|稍后|尽早|随后|后续|及时|近期|近日|择日|早日|待定|第一时间|有空",
    re.IGNORECASE,
)


def is_concrete_deadline(deadline: str) -> bool:
    """A time expression (a number, a date, today/tomorrow, 今天, X点, 工作日 ...), not just "soon"."""
    if any(q.kind != "id" for q in text_facts(deadline).quantities):
        return True
    return bool(_CONCRETE.search(deadline))


def _key(text: str) -> str:
    return normalize(text).casefold().rstrip("。.!！;；")


def step_findings(step: PlanStep, number: int, policy: list[str]) -> list[Finding]:
    """What step ``number`` lacks; ``source`` names the step ("step 2")."""
    where = f"step {number}"
    found = [
        Finding(kind="empty_field", text=field, where="plan", source=where)
        for field in ("action", "measure", "deadline")
        if not getattr(step, field).strip()
    ]
    deadline = step.deadline.strip()
    if deadline and not is_concrete_deadline(deadline):
        found.append(Finding(kind="vague_deadline", text=deadline, where="plan", source=where))
        vague = _VAGUE.search(deadline)
        if vague:
            found.append(Finding(kind="vague_word", text=vague.group(), where="plan", source=where))
    if step.source != AGENT_COMMITMENT and _key(step.source) not in {_key(p) for p in policy}:
        found.append(Finding(kind="unknown_source", text=step.source, where="plan", source=where))
    return found


def _problems(found: list[Finding]) -> list[str]:
    """The detail's wording of one step's findings."""
    vague = next((f.text for f in found if f.kind == "vague_word"), None)
    out = []
    for f in found:
        if f.kind == "empty_field":
            out.append(f"{f.source}: empty {f.text}")
        elif f.kind == "vague_deadline":
            why = f"vague {quote(vague)}" if vague is not None else "no time expression"
            out.append(f"{f.source}: deadline {quote(f.text)} is not concrete ({why})")
        elif f.kind == "unknown_source":
            out.append(f"{f.source}: source {quote(f.text)} is neither a policy fact nor {AGENT_COMMITMENT!r}")
    return out


def plan_complete(plan: list[PlanStep], policy: list[str]) -> Check:
    if not plan:
        empty = [Finding(kind="no_steps", text="", where="plan")]
        return Check(name=NAME, passed=False, detail="the plan has no steps", findings=empty)
    per_step = [step_findings(step, i, policy) for i, step in enumerate(plan, 1)]
    problems = [p for found in per_step for p in _problems(found)]
    if problems:
        found = [f for step in per_step for f in step]
        return Check(name=NAME, passed=False, detail="; ".join(problems), findings=found)
    return Check(
        name=NAME,
        passed=True,
        detail=f"{len(plan)} step(s), each with action, measure, source; deadlines "
        + items(s.deadline for s in plan),
    )
