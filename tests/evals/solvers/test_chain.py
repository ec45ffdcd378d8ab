"""The chain solver runs the product's chain; embedded steps get the runtime's URL and token."""

from __future__ import annotations

from evals import GoldenCase, Sample, current_sample
from evals.solvers import Embedded, chain_solver, targets_for
from service.llm import FakeGenerator
from service.settings import Settings


async def test_chain_solver_uses_the_chain(settings: Settings, oracle: FakeGenerator, en_case: GoldenCase) -> None:
    token = current_sample.set(Sample(en_case.id))
    try:
        resp = await chain_solver(settings, oracle)(en_case)
    finally:
        current_sample.reset(token)
    assert resp.reply == en_case.reference and not resp.degraded
    assert {c.schema_name for c in oracle.calls} >= {"analysis", "empathy", "plan", "compose"}
    assert all(c.target.model == "openai/test-model" for c in oracle.calls)


def test_embedded_targets_carry_the_runtime_token(tmp_path: object) -> None:
    settings = Settings(model="embedded", step_models={"plan": "openai/gpt-4o-mini"})
    runtime = Embedded(url="http://127.0.0.1:5555/v1", api_key="sk-runtime", label="embedded:tiny")
    targets = targets_for(settings, runtime)
    assert targets["compose"].api_base == runtime.url and targets["compose"].api_key == "sk-runtime"
    assert targets["compose"].label == "embedded:tiny"
    assert targets["plan"].model == "openai/gpt-4o-mini" and targets["plan"].api_key != "sk-runtime"
    assert targets_for(settings)["compose"].api_base is None
