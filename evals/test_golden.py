"""One test per golden case: the chain's reply must pass the case gate of thresholds.yaml.

The gate scorers are the ones a reply must never fail (faithfulness, safety, fact retention,
language, length); the softer scorers (emotion, empathy, SMART, similarity) are measured and
gated on their means by ``tactful eval``, not asserted per case here.
"""

from __future__ import annotations

import pytest

from evals._cache import Sample
from evals._dataset import GoldenCase, load_golden
from evals._runner import run_one
from evals.conftest import GoldenSuite

CASES = load_golden()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
async def test_golden_case(case: GoldenCase, golden_suite: GoldenSuite, request: pytest.FixtureRequest) -> None:
    suite = golden_suite
    reason = suite.thresholds.known_failures.get(case.id)
    if reason:
        request.applymarker(pytest.mark.xfail(reason=reason, strict=False))
    result = await run_one(suite.variant, case, 0, suite.scorers)
    cache = suite.variant.cache
    missing = cache.misses.get(Sample(case.id)) if cache else None
    awaiting = suite.thresholds.awaiting_recording.get(case.id)
    if missing and (suite.missing == "skip" or awaiting):
        pytest.skip(f"awaiting its first recording ({awaiting}): {missing[0]}" if awaiting else missing[0])
    if result.error:
        pytest.fail(result.error, pytrace=False)
    failed = result.failed(suite.thresholds.case_gate)
    reply = result.response.reply if result.response else ""
    assert not failed, "\n".join(
        [*(f"{name}: {result.scores[name].explanation}" for name in failed), f"reply: {reply}"]
    )
