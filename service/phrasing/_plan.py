"""The plan: policy facts as steps the customer can hold us to, in the agent's voice.

Which facts: the one the model judged most helpful first, then the other actions in policy order (at
most three); reassurances ("不影响征信") and how-things-work facts that are not steps become
information; limits only when the draft or the customer raised their subject. Each step says who does
it and by when, from its fact; a fact that gives no time leaves the deadline empty (nothing is
invented) and the check reports it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from service.phrasing._facts import Fact
from service.schemas import Language, PlanStep
from service.verify import is_concrete_deadline

MAX_STEPS = 3


@dataclass(frozen=True)
class PlanParts:
    steps: list[tuple[Fact, PlanStep]]
    reassure: list[Fact]
    info: list[Fact]
    quiet: set[int] = field(default_factory=set)
    """Steps the draft's own words already say: in the plan, not said twice in the reply."""


def _grams(text: str) -> set[str]:
    cjk = re.sub(r"[^\u4e00-\u9fff]", "", text)
    words = {w for w in re.findall(r"[a-z]{4,}", text.lower())}
    return {cjk[i : i + 2] for i in range(len(cjk) - 1)} | words


_OWNER = {"agent": "agent", "customer": "customer", "process": "team", "assure": "team", "limit": "team"}


def _bounded(fact: Fact) -> bool:
    """A how-things-work fact is a step only when something happens by a time (财务在3个工作日内完成审核)."""
    return bool(_BOUNDED.search(fact.deadline)) and is_concrete_deadline(fact.deadline)


_BOUNDED = re.compile(
    r"内|前|工作日|小时|分钟|即时|立即|当场|立刻|\d{1,2}[:：]\d{2}|"
    r"within|by |before|same day|next|working day|hours?\b|immediately|at once",
    re.I,
)


def _commit(fact: Fact, language: Language, first: bool) -> str:
    """The agent's own step as a commitment when it needs no condition (我可以为您… -> 我现在就为您…)."""
    said = fact.said
    if fact.kind != "agent" or fact.conditional or not first:
        return said
    if language == "zh":
        if re.search(r"当场|立即|即时|马上|立刻", said):
            return re.sub(r"我可以为您", "我这就为您", said, count=1)
        return re.sub(r"^我可以为您", "我现在就为您", said, count=1)
    return re.sub(r"^I can (?=\w)", "I'll ", said, count=1)  # "I'll ask our engineers to ..." too


def _measure(fact: Fact, language: Language) -> str:
    if fact.kind == "customer":
        return (
            "办好后告诉我一声，我帮您确认"
            if language == "zh"
            else "let me know once it's done and I'll check it went through"
        )
    return "结果出来我会告诉您" if language == "zh" else "I'll tell you the outcome"


def build_plan(
    facts: list[Fact], best: str | None, language: Language, *, context: str, max_steps: int = MAX_STEPS
) -> PlanParts:
    actionable = [f for f in facts if f.kind in ("agent", "customer") or (f.kind == "process" and _bounded(f))]
    rank = {"agent": 0, "customer": 1, "process": 2}
    promoted = next((f for f in actionable if f.id == best and f.kind != "process"), None)
    # The core need first: the fact the model judged most helpful when it is something someone does,
    # then what the agent does, what the customer can do, how things proceed (policy order within each).
    chosen = sorted(actionable, key=lambda f: (f is not promoted, rank[f.kind]))[:max_steps]
    steps = [
        (
            fact,
            PlanStep(
                action=_commit(fact, language, i == 0),
                measure=_measure(fact, language),
                deadline=fact.deadline,
                owner=_OWNER[fact.kind],
                source=fact.text,
            ),
        )
        for i, fact in enumerate(chosen)
    ]
    used = {f.id for f in chosen}
    reassure = [f for f in facts if f.kind == "assure"]
    topic = _grams(context)
    info = [
        f
        for f in facts
        if f.id not in used and f.kind != "assure" and (f.kind != "limit" or len(_grams(f.text) & topic) >= 2)
    ]
    return PlanParts(steps=steps, reassure=reassure, info=info)
