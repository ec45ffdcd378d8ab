"""Form of the reply: the customer's language, within the channel's length budget.

The budgets are the product's contract (README, service/verify), restated here so the ruler does not
read the product's code; tests/evals/scorers/test_form.py checks the two tables agree.
"""

from __future__ import annotations

from evals._dataset import GoldenCase
from evals._types import Score
from service.language import cjk_ratio, detect_language
from service.schemas import Channel, Language, RewriteResponse

LANGUAGE = "language_match"
LENGTH = "length_budget"

LENGTH_BUDGETS: dict[Channel, dict[Language, int]] = {
    "sms": {"zh": 134, "en": 300},
    "chat": {"zh": 400, "en": 900},
    "phone": {"zh": 600, "en": 1200},
    "email": {"zh": 1000, "en": 1200},
}


def language_match(case: GoldenCase, response: RewriteResponse) -> Score:
    found = detect_language(response.reply)
    ok = found == case.language
    return Score(
        name=LANGUAGE,
        value=1.0 if ok else 0.0,
        passed=ok,
        explanation=f"reply is {found} (CJK share {cjk_ratio(response.reply):.0%}), case is {case.language}",
    )


def length_limit(case: GoldenCase) -> int:
    """The budget of the case's channel and language, or the request's max_length when tighter."""
    budget = LENGTH_BUDGETS[case.request.channel][case.language]
    max_length = case.request.options.max_length
    return min(budget, max_length) if max_length is not None else budget


def length_budget(case: GoldenCase, response: RewriteResponse) -> Score:
    size, limit = len(response.reply.strip()), length_limit(case)
    ok = 0 < size <= limit
    value = 1.0 if ok else (limit / size if size else 0.0)
    return Score(
        name=LENGTH,
        value=round(value, 4),
        passed=ok,
        explanation=f"{size} characters, limit {limit} ({case.request.channel}, {case.language})",
    )
