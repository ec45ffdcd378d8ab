"""The hand-written references are what the scorers call good: a golden set must be self-consistent."""

from __future__ import annotations

import pytest

from evals import GoldenCase, load_golden
from evals.scorers import DETERMINISTIC
from tests.evals.conftest import response

CASES = load_golden()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_reference_passes_every_reply_scorer(case: GoldenCase) -> None:
    reply = response(case, case.reference, emotion=case.emotions[0])
    failed = {
        name: fn(case, reply).explanation
        for name, fn in DETERMINISTIC.items()
        if name != "smart_plan" and not fn(case, reply).passed
    }
    assert not failed


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_draft_is_worse_than_reference(case: GoldenCase) -> None:
    """The rough draft must leave room to improve: it lacks the customer's details or reads far from the reference."""
    draft = response(case, case.request.draft)
    empathy = DETERMINISTIC["empathy_specificity"](case, draft)
    chrf = DETERMINISTIC["chrf"](case, draft)
    assert not empathy.passed or (chrf.value or 0) < 0.5
