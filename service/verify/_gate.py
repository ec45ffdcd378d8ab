"""Which checks there are, in order; which of them are the final gate; which a rewrite of the reply can fix."""

from __future__ import annotations

from typing import Final

from service.schemas import Check

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


REPLY_CHECKS = frozenset(
    {"no_platitudes", "draft_harm_removed", "no_unsupported_claims", "language_match", "seams",
     "draft_facts_kept", "no_injection_echo", "injection_clean", "no_self_reference", "identity_given",
     "length_budget"}
)  # fmt: skip
"""Failures a rewrite of the reply text can fix (the plan and the empathy are not rewritten)."""


def hard_failures(checks: list[Check]) -> list[Check]:
    return [c for c in checks if c.hard and not c.passed]
