"""The chain solver runs the product's chain (its model routing is tested in tests/engine)."""

from __future__ import annotations

from evals import GoldenCase, Sample, current_sample
from evals.solvers import chain_solver
from service.llm import FakeGenerator
from service.settings import Settings


async def test_chain_solver_uses_the_chain(settings: Settings, oracle: FakeGenerator, en_case: GoldenCase) -> None:
    token = current_sample.set(Sample(en_case.id))
    try:
        resp = await chain_solver(settings, oracle)(en_case)
    finally:
        current_sample.reset(token)
    assert resp.reply == en_case.reference and not resp.degraded
    assert {c.schema_name for c in oracle.calls} >= {"read", "compose"}
    assert all(c.target.model == "openai/test-model" for c in oracle.calls)
