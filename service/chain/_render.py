"""Turn request data into prompt variables. Customer and agent text is data: it is fenced, never obeyed."""

from __future__ import annotations

import re

from service.schemas import AGENT_COMMITMENT, Language, PlanStep, RewriteRequest

FENCE_TAGS = ("customer_message", "draft", "history", "policy", "reply", "details", "plan", "empathy")
FENCE_TAG = re.compile(r"[<＜]\s*/?\s*(?:" + "|".join(FENCE_TAGS) + r")\b[^<>＜＞]*[>＞]", re.I)
"""Any opening or closing delimiter tag, with spaces, attributes or full-width brackets."""

LANGUAGE_NAMES: dict[Language, str] = {"zh": "Chinese (简体中文)", "en": "English"}
NONE: dict[Language, str] = {"zh": "（无）", "en": "(none)"}


def fenced(text: str) -> str:
    """User-supplied text with any of our delimiter tags removed, so it cannot close a fence.

    Removal repeats until nothing changes: ``</cust</draft>omer_message>`` loses ``</draft>`` and then the
    ``</customer_message>`` that removing it put together.
    """
    while True:
        stripped = FENCE_TAG.sub("", text)
        if stripped == text:
            return stripped.strip()
        text = stripped


def history_text(request: RewriteRequest, language: Language, last: int = 6) -> str:
    if not request.history:
        return NONE[language]
    return "\n".join(f"{t.role}: {fenced(t.text)}" for t in request.history[-last:])


def policy_text(request: RewriteRequest, language: Language) -> str:
    if not request.policy:
        return NONE[language]
    return "\n".join(f"P{i}: {fenced(fact)}" for i, fact in enumerate(request.policy, start=1))


def bullet(items: list[str], language: Language) -> str:
    return "\n".join(f"- {fenced(i)}" for i in items) if items else NONE[language]


def plan_text(plan: list[PlanStep], language: Language) -> str:
    if not plan:
        return NONE[language]
    lines = []
    for i, s in enumerate(plan, start=1):
        tag = " [agent commitment]" if s.source == AGENT_COMMITMENT else ""
        lines.append(f"{i}. {s.action} | {s.measure} | {s.deadline} | owner: {s.owner}{tag}")
    return "\n".join(lines)
