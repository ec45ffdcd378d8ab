"""Deterministic checks run on every reply after generation, in Chinese and English.

Public API::

    checks = verify_reply(request, language, reply, empathy, plan)   # one Check per CHECK_NAMES
    notes = revision_notes(checks, language)                          # one instruction per failure

Every check is a small pure function returning ``Check(name, passed, detail, findings)``: on a
failure the findings are typed (:class:`Finding`: kind, text, where, source, span) and are what
revision notes and the UI read; the detail is only their human-readable rendering (offending items
quoted «like this»), and :func:`check_warnings` is the one place a failure becomes a warning. (The
chain's deterministic repair picks its edits by the failed checks and re-tests each sentence.)
What a text states (its quantities, the part after an injected instruction, its language) comes
from :func:`text_facts`, computed once per text and shared by the checks, the repairs and the
phrasing layer. The building blocks are exported for the chain: :func:`extract_quantities`
(compare its quantities with :meth:`Quantity.matches` / :func:`unsupported`, not ``==``: ``6点``
matches ``18:00``), :func:`find_platitudes`, :func:`grounded_details`, :func:`claim_sources`.
"""

from __future__ import annotations

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
from service.verify._gate import CHECK_NAMES, HARD_CHECKS, REPLY_CHECKS, hard_failures
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
from service.verify._injection import borrowed, find_injection_echoes, strip_injected
from service.verify._notes import revision_notes
from service.verify._numbers import extract_quantities, find_quantities
from service.verify._plan import is_concrete_deadline, plan_complete
from service.verify._plansane import plan_sane, similar
from service.verify._platitudes import find_platitudes
from service.verify._quantity import Quantity, is_supported, unsupported
from service.verify._seams import seams
from service.verify._textfacts import TextFacts, injected_parts, quantities_of, text_facts
from service.verify._voice import empathy_voice
from service.verify._warnings import check_warnings


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


__all__ = [
    "CHECK_NAMES",
    "HARD_CHECKS",
    "HARMFUL",
    "LENGTH_BUDGETS",
    "REPLY_CHECKS",
    "Finding",
    "HarmHit",
    "Quantity",
    "TextFacts",
    "borrowed",
    "check_warnings",
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
    "quantities_of",
    "revision_notes",
    "similar",
    "strip_injected",
    "text_facts",
    "unsupported",
    "verify_reply",
]
