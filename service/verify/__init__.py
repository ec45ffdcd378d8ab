"""Deterministic checks run on every reply after generation, in Chinese and English.

Public API::

    checks = verify_reply(request, language, reply, empathy, plan)   # one Check per CHECK_NAMES
    notes = revision_notes(checks, language)                          # one instruction per failure

Every check is a small pure function returning ``Check(name, passed, detail)``; the
detail names the offending phrase or number (quoted «like this») or what passed.
The building blocks are exported for the chain and the eval scorers: :func:`extract_quantities`
(compare its quantities with :meth:`Quantity.matches` / :func:`unsupported`, not ``==``: ``6点``
matches ``18:00``), :func:`find_platitudes`, :func:`grounded_details`, :func:`claim_sources`.
"""

from __future__ import annotations

from typing import Final

from service.schemas import Check, Empathy, Language, PlanStep, RewriteRequest
from service.verify._budget import LENGTH_BUDGETS
from service.verify._checks import (
    empathy_specific,
    language_match,
    length_budget,
    no_injection_echo,
    no_platitudes,
)
from service.verify._claims import claim_sources, draft_facts_kept, no_unsupported_claims
from service.verify._compensation import find_compensation
from service.verify._grounding import grounded_details
from service.verify._injection import find_injection_echoes, strip_injected
from service.verify._notes import revision_notes
from service.verify._numbers import extract_quantities, find_quantities
from service.verify._plan import is_concrete_deadline, plan_complete
from service.verify._platitudes import find_platitudes
from service.verify._quantity import Quantity, is_supported, unsupported

CHECK_NAMES: Final[tuple[str, ...]] = (
    "no_platitudes",
    "empathy_specific",
    "plan_complete",
    "no_unsupported_claims",
    "language_match",
    "draft_facts_kept",
    "no_injection_echo",
    "length_budget",
)


def verify_reply(
    request: RewriteRequest,
    language: Language,
    reply: str,
    empathy: Empathy | None,
    plan: list[PlanStep],
) -> list[Check]:
    """Run every check on ``reply``; the result follows the order of :data:`CHECK_NAMES`."""
    return [
        no_platitudes(reply, empathy),
        empathy_specific(request, empathy),
        plan_complete(plan, request.policy),
        no_unsupported_claims(request, reply, plan),
        language_match(reply, language),
        draft_facts_kept(request.draft, reply),
        no_injection_echo(reply),
        length_budget(reply, language, request.channel, request.options.max_length),
    ]


__all__ = [
    "CHECK_NAMES",
    "LENGTH_BUDGETS",
    "Quantity",
    "claim_sources",
    "extract_quantities",
    "find_compensation",
    "find_injection_echoes",
    "find_platitudes",
    "find_quantities",
    "grounded_details",
    "is_concrete_deadline",
    "is_supported",
    "revision_notes",
    "strip_injected",
    "unsupported",
    "verify_reply",
]
