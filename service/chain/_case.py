"""The case as the model reads it: the customer's clauses numbered (C1 ...), the policy facts (P1 ...).

Numbered parts let a small model answer by id (evidence: C3, best: P2) instead of copying text, and
let the answer's schema allow exactly the ids that exist.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from service.phrasing import clauses
from service.schemas import Language, RewriteRequest

LANGUAGE_NAMES: dict[Language, str] = {"zh": "Chinese", "en": "English"}
NONE = "(none)"
NO_FACT = "none"
FENCE_TAGS = (
    "customer_message", "draft", "history", "policy", "reply", "details", "plan", "empathy", "case", "assembled",
    "problems",
)  # fmt: skip
FENCE_TAG = re.compile(r"[<＜]\s*/?\s*(?:" + "|".join(FENCE_TAGS) + r")\b[^<>＜＞]*[>＞]", re.I)
"""Any opening or closing delimiter tag, with spaces, attributes or full-width brackets."""
_MAX_CLAUSES = 24


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


def customer_clauses(request: RewriteRequest) -> list[str]:
    found = [c.text for c in clauses(fenced(request.customer_message))]
    return [re.sub(r"\s+", " ", c) for c in found[:_MAX_CLAUSES]] or [fenced(request.customer_message)]


def numbered_customer(request: RewriteRequest) -> str:
    return "\n".join(f"C{i} {text}" for i, text in enumerate(customer_clauses(request), start=1))


def numbered_policy(request: RewriteRequest) -> str:
    if not request.policy:
        return NONE
    return "\n".join(f"P{i} {fenced(fact)}" for i, fact in enumerate(request.policy, start=1))


def earlier_turns(request: RewriteRequest, last: int = 4) -> str:
    turns = [t for t in request.history[-last:]]
    if not turns:
        return NONE
    return "\n".join(f"{t.role}: {fenced(t.text)[:300]}" for t in turns)


def read_values(request: RewriteRequest, language: Language) -> dict[str, str]:
    return {
        "language": LANGUAGE_NAMES[language],
        "earlier": earlier_turns(request),
        "customer": numbered_customer(request),
        "policy": numbered_policy(request),
    }


def read_schema(base: dict[str, Any], request: RewriteRequest) -> dict[str, Any]:
    """The read step's schema with ``evidence`` and ``best`` limited to the ids this case has."""
    schema = copy.deepcopy(base)
    props = schema["properties"]
    ids = [f"C{i}" for i in range(1, len(customer_clauses(request)) + 1)]
    props["evidence"] = {"enum": ids}
    props["situation"] = {"type": "array", "items": {"enum": ids}, "minItems": 1, "maxItems": min(3, len(ids))}
    props["best"] = {"enum": [*(f"P{i}" for i in range(1, len(request.policy) + 1)), NO_FACT]}
    return schema


def clause_of(request: RewriteRequest, clause_id: str | None) -> str | None:
    m = re.fullmatch(r"C(\d+)", clause_id or "")
    found = customer_clauses(request)
    if not m or not 1 <= int(m.group(1)) <= len(found):
        return None
    return found[int(m.group(1)) - 1]
