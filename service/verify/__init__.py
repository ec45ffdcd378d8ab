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

from service.schemas import Check, Empathy, Finding, Language, PlanStep, RewriteRequest
from service.verify._budget import LENGTH_BUDGETS
from service.verify._checks import (
    empathy_specific,
    language_match,
    length_budget,
    no_injection_echo,
    no_platitudes,
)
from service.verify._claims import claim_sources, draft_facts_kept, no_unsupported_claims
from service.verify._clean import injection_clean
from service.verify._compensation import find_compensation
from service.verify._grounding import grounded_details
from service.verify._hard import identity_given, no_example_leak, no_self_reference, not_placeholder
from service.verify._harm import (
    HARMFUL,
    HarmHit,
    draft_harm_removed,
    extra_harm,
    find_harm,
    harmful_phrases,
    load_harm,
)
from service.verify._injection import borrowed, find_injection_echoes, injected_parts, strip_injected
from service.verify._notes import revision_notes
from service.verify._numbers import extract_quantities, find_quantities
from service.verify._plan import is_concrete_deadline, plan_complete
from service.verify._plansane import plan_sane, similar
from service.verify._platitudes import find_platitudes
from service.verify._quantity import Quantity, is_supported, unsupported
from service.verify._seams import seams
from service.verify._voice import empathy_voice

CHECK_NAMES: Final[tuple[str, ...]] = (
    "no_platitudes",
    "draft_harm_removed",
    "empathy_specific",
    "empathy_voice",
    "plan_complete",
    "plan_sane",
    "no_unsupported_claims",
    "language_match",
    "seams",
    "draft_facts_kept",
    "no_injection_echo",
    "injection_clean",
    "no_self_reference",
    "identity_given",
    "not_placeholder",
    "no_example_leak",
    "length_budget",
)

HARD_CHECKS: Final[dict[str, str]] = {
    "language_match": "the reply is not in the customer's language",
    "draft_facts_kept": "a figure, date, ID or link of the draft is missing",
    "no_unsupported_claims": "it states a figure, time or compensation nothing in the request gives",
    "no_injection_echo": "it carries instructions, role labels or prompt tags",
    "injection_clean": "it repeats what an injected instruction asked for",
    "no_self_reference": "it speaks as an AI or refuses",
    "identity_given": "it names someone the request did not give",
    "not_placeholder": "it is empty or placeholder text",
    "no_example_leak": "it repeats a prompt's worked example",
}
"""The final gate: a reply failing any of these is never sent; the agent gets the draft, degraded.
The value says, for the warning, what the failure means."""


def verify_reply(
    request: RewriteRequest,
    language: Language,
    reply: str,
    empathy: Empathy | None,
    plan: list[PlanStep],
    *,
    examples: tuple[str, ...] = (),
) -> list[Check]:
    """Run every check on ``reply``; the result follows the order of :data:`CHECK_NAMES`."""
    said = [request.customer_message, request.draft, *(t.text for t in request.history)]
    checks = [
        no_platitudes(reply, empathy),
        draft_harm_removed(reply, language),
        empathy_specific(request, empathy),
        empathy_voice(request, empathy, language),
        plan_complete(plan, request.policy),
        plan_sane(plan, injected_parts(said)),
        no_unsupported_claims(request, reply, plan),
        language_match(reply, language),
        seams(reply, language),
        draft_facts_kept(request.draft, reply),
        no_injection_echo(reply),
        injection_clean(request, reply, empathy, plan),
        no_self_reference(reply),
        identity_given(request, reply),
        not_placeholder(reply),
        no_example_leak(request, reply, examples),
        length_budget(reply, language, request.channel, request.options.max_length),
    ]
    return [c.model_copy(update={"hard": c.name in HARD_CHECKS}) for c in checks]


def hard_failures(checks: list[Check]) -> list[Check]:
    return [c for c in checks if c.hard and not c.passed]


__all__ = [
    "CHECK_NAMES",
    "HARD_CHECKS",
    "HARMFUL",
    "LENGTH_BUDGETS",
    "Finding",
    "HarmHit",
    "Quantity",
    "borrowed",
    "claim_sources",
    "draft_harm_removed",
    "extra_harm",
    "extract_quantities",
    "find_compensation",
    "find_harm",
    "find_injection_echoes",
    "find_platitudes",
    "find_quantities",
    "grounded_details",
    "hard_failures",
    "harmful_phrases",
    "injected_parts",
    "is_concrete_deadline",
    "is_supported",
    "load_harm",
    "revision_notes",
    "similar",
    "strip_injected",
    "unsupported",
    "verify_reply",
]
