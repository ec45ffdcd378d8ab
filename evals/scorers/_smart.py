"""SMART completeness of the plan, criterion by criterion, step by step.

Each step earns one point for each of:

- specific:   the action says what will be done (long enough, not just "follow up" / "处理一下");
- measurable: the measure says how the customer can tell (not empty, not just "resolved" / "满意");
- time-bound: a concrete deadline (:func:`is_concrete_deadline`: a time, date, 今天, 工作日 ...);
- achievable: the step rests on a policy fact, or is marked ``agent_commitment`` for the agent to confirm,
              and states no figure that its fact, the draft or the customer's message does not give;
- relevant:   it names the customer's core need (one of the case's ``need`` phrases) or one of their details.

The plan's value is the mean over steps of points / 5. It passes at 0.8 with at least one relevant step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from evals._dataset import GoldenCase
from evals._text import find_phrase, found_phrases, normalise
from evals._types import Score
from evals.scorers._quantities import quantities, supported
from service.schemas import AGENT_COMMITMENT, PlanStep, RewriteResponse

NAME = "smart_plan"
PASS_AT = 0.8
CRITERIA = ("specific", "measurable", "time-bound", "achievable", "relevant")

_VAGUE_ACTION = re.compile(
    r"^(?:we|i)?(?:will|shall|can)?(?:try(?:to)?)?(?:lookinto|checkon|followup|handle|dealwith|process|escalate)"
    r"(?:it|this|that|the(?:issue|matter|problem|case|request))?$"
    r"|^(?:我们?)?(?:会|将)?(?:尽快|马上)?(?:处理|跟进|核实|反馈|解决|查看)(?:一下)?(?:此事|该问题|这个问题|问题)?$"
)
_VAGUE_MEASURE = re.compile(
    r"^(?:n/?a|none|tbd|resolved|issueresolved|problemsolved|customersatisfied|satisfied|done|ok"
    r"|无|满意|客户满意|问题解决|已解决|解决|完成)$"
)
_P_ID = re.compile(r"^P(\d{1,2})$", re.IGNORECASE)
_CONCRETE = re.compile(
    r"\b(?:today|tonight|tomorrow|now|immediately|right\s+away|noon|midnight|this\s+(?:morning|afternoon|evening|week|call)"
    r"|end\s+of\s+(?:the\s+|this\s+)?(?:day|week|month|call)|next\s+(?:week|month)|(?:during|on)\s+(?:this|the)\s+call"
    r"|before\s+(?:we|you)\s+hang\s+up|(?:your|the)\s+(?:due|billing|payment|statement)\s+date|before\s+dispatch)\b"
    r"|今天|今日|今晚|明天|明日|明早|后天|当天|当日|本周|这周|下周|月底|月末|周末|小时|分钟|工作日|立即|立刻|马上|现在|当场"
    r"|本次通话|通话结束前|挂机前|还款日|账单日|到期日|截止日",
    re.IGNORECASE,
)


def is_concrete_deadline(deadline: str) -> bool:
    """A time expression (a figure, a date, today / tomorrow, 今天, X点, 工作日 ...), not just "soon"."""
    return any(q.kind != "id" for q in quantities(deadline)) or bool(_CONCRETE.search(deadline))


@dataclass(frozen=True)
class StepVerdict:
    step: PlanStep
    met: dict[str, bool]
    notes: list[str]

    @property
    def points(self) -> float:
        return sum(self.met.values()) / len(CRITERIA)


def _specific(action: str) -> bool:
    norm = normalise(action)
    long_enough = len(norm) >= 4 if re.search(r"[\u4e00-\u9fff]", action) else len(action.split()) >= 3
    return long_enough and not _VAGUE_ACTION.match(norm)


def _measurable(measure: str) -> bool:
    norm = normalise(measure)
    return len(norm) >= 3 and not _VAGUE_MEASURE.match(norm)


def policy_fact(source: str, policy: list[str]) -> str | None:
    """The policy fact a step's ``source`` names: its text, or a ``P<n>`` id."""
    m = _P_ID.match(source.strip())
    if m:
        index = int(m.group(1)) - 1
        return policy[index] if 0 <= index < len(policy) else None
    key = normalise(source)
    return next((fact for fact in policy if normalise(fact) == key), None)


def _achievable(step: PlanStep, case: GoldenCase) -> tuple[bool, str]:
    if step.source.strip() == AGENT_COMMITMENT:
        return True, ""
    fact = policy_fact(step.source, case.request.policy)
    if fact is None:
        return False, f"source {step.source[:40]!r} is neither a policy fact nor {AGENT_COMMITMENT}"
    pool = [q for text in (fact, case.request.draft, case.request.customer_message) for q in quantities(text)]
    stated = quantities(f"{step.action} {step.measure} {step.deadline}")
    extra = list(dict.fromkeys(q for q in stated if not supported(q, pool)))
    if extra:
        return False, f"states {', '.join(q.show() for q in extra)} that its fact does not give"
    return True, ""


def judge_step(step: PlanStep, case: GoldenCase) -> StepVerdict:
    text = f"{step.action} {step.measure}"
    achievable, why = _achievable(step, case)
    relevant = bool(found_phrases(case.need, text)[0]) or any(find_phrase(d, text) for d in case.details)
    met = {
        "specific": _specific(step.action),
        "measurable": _measurable(step.measure),
        "time-bound": bool(step.deadline.strip()) and is_concrete_deadline(step.deadline),
        "achievable": achievable,
        "relevant": relevant,
    }
    notes = [f"not {name}" for name, ok in met.items() if not ok]
    if why:
        notes.append(why)
    return StepVerdict(step=step, met=met, notes=notes)


def smart_plan(case: GoldenCase, response: RewriteResponse) -> Score:
    if not response.plan:
        return Score(name=NAME, value=0.0, passed=False, explanation="no plan steps")
    verdicts = [judge_step(step, case) for step in response.plan]
    value = sum(v.points for v in verdicts) / len(verdicts)
    any_relevant = any(v.met["relevant"] for v in verdicts)
    lines = [
        f"step {i} {v.points * 5:.0f}/5" + (f" ({'; '.join(v.notes)})" if v.notes else "")
        for i, v in enumerate(verdicts, 1)
    ]
    if not any_relevant:
        lines.append("no step addresses the core need")
    return Score(
        name=NAME,
        value=round(value, 4),
        passed=value >= PASS_AT and any_relevant,
        explanation="; ".join(lines),
    )
