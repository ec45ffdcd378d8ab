"""Check ``plan_sane``: a plan that is ours and makes sense.

No step twice; no instruction, meta or injected text; no deadline word the step's fact does not
give ("今天", "now", "ASAP"); a step of the customer's is said as theirs ("您可以…" / "you can…").
"""

from __future__ import annotations

import re

from service.schemas import AGENT_COMMITMENT, Check, Finding, PlanStep
from service.verify._detail import kind_and_text, verdict
from service.verify._injection import find_injection_echoes

NAME = "plan_sane"
_INVENTED = re.compile(
    r"^\s*(?:今天|今日|现在|马上|立即|尽快|明天|now|today|asap|as soon as possible|immediately|tomorrow)\s*$", re.I
)
_META = re.compile(r"\bthe customer\b|\bcustomer's\b|顾客|该用户|\bjson\b|\bassistant\b|\bAI\b|prompt|提示词|指令")


def _grams(text: str) -> set[str]:
    cjk = re.sub(r"[^\u4e00-\u9fff]", "", text)
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {cjk[i : i + 2] for i in range(len(cjk) - 1)} | {" ".join(words[i : i + 2]) for i in range(len(words) - 1)}


def similar(a: str, b: str) -> float:
    ga, gb = _grams(a), _grams(b)
    return len(ga & gb) / min(len(ga), len(gb)) if ga and gb else 0.0


def plan_sane(plan: list[PlanStep], injected: str) -> Check:
    found: list[Finding] = []
    for i, step in enumerate(plan):
        text = f"{step.action} {step.measure}"
        for prev in plan[:i]:
            if similar(step.action, prev.action) >= 0.8:
                found.append(Finding(kind="duplicate_step", text=step.action, where="plan", source=prev.action))
        found += [Finding(kind="instruction", text=t, where="plan") for t in find_injection_echoes(text)]
        found += [Finding(kind="meta", text=m.group(), where="plan") for m in _META.finditer(text)]
        if injected.strip() and similar(step.action, injected) >= 0.5:
            found.append(Finding(kind="injected_text", text=step.action, where="plan"))
        invented = step.deadline and _INVENTED.match(step.deadline) and step.source != AGENT_COMMITMENT
        if invented and step.deadline.strip().lower() not in step.source.lower():
            found.append(Finding(kind="invented_deadline", text=step.deadline, where="plan", source=step.source))
    passed = f"{len(plan)} distinct step(s), each ours or marked as yours"
    return verdict(NAME, found, failed="plan problems: ", passed=passed, show=kind_and_text)
