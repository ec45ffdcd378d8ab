"""The single-call baseline: one request, the answer mapped onto a RewriteResponse."""

from __future__ import annotations

from typing import Any

from evals import GoldenCase, Sample, current_sample
from evals.solvers import baseline_solver, load_baseline_prompt
from evals.solvers._baseline import baseline_schema
from service.errors import ModelTimeout
from service.llm import FakeGenerator
from service.schemas import AGENT_COMMITMENT
from service.settings import Settings


def _answer(case: GoldenCase, source: str) -> dict[str, Any]:
    return {
        "emotion": case.emotions[0],
        "intensity": 4,
        "empathy": case.reference[:60],
        "plan": [{"action": "a step", "measure": "m", "deadline": "d", "owner": "agent", "source": source}],
        "reply": case.reference,
    }


async def test_baseline_in_chinese(settings: Settings, zh_case: GoldenCase) -> None:
    fake = FakeGenerator({"baseline": [_answer(zh_case, "P3")]})
    resp = await baseline_solver(settings, fake)(zh_case)
    (call,) = fake.calls
    assert call.prompt == load_baseline_prompt().id and call.target.model == "openai/test-model"
    assert "Chinese" in call.messages[-1]["content"] and zh_case.request.draft in call.messages[-1]["content"]
    assert resp.reply == zh_case.reference and resp.locale == "zh" and not resp.degraded
    assert resp.emotion is not None and resp.emotion.label == zh_case.emotions[0]
    assert resp.plan[0].source == zh_case.request.policy[2]
    assert {c.name for c in resp.checks} >= {"no_unsupported_claims", "language_match"}
    assert resp.usage.model_calls == 1 and resp.usage.total_tokens > 0 and resp.trace[0].step == "baseline"


async def test_baseline_in_english_maps_commitments(settings: Settings, en_case: GoldenCase) -> None:
    fake = FakeGenerator({"baseline": [_answer(en_case, AGENT_COMMITMENT)]})
    resp = await baseline_solver(settings, fake)(en_case)
    assert resp.locale == "en" and resp.plan[0].source == AGENT_COMMITMENT
    assert "English" in fake.calls[0].messages[-1]["content"]


async def test_baseline_degrades_to_the_draft(settings: Settings, en_case: GoldenCase) -> None:
    fake = FakeGenerator({"baseline": [ModelTimeout("slow", attempts=3)]})
    resp = await baseline_solver(settings, fake)(en_case)
    assert resp.degraded and resp.reply == en_case.request.draft
    assert resp.trace[0].ok is False and "ModelTimeout" in resp.warnings[0]


def test_schema_limits_sources_to_policy_ids() -> None:
    enum = baseline_schema(2)["$defs"]["BaselineStep"]["properties"]["source"]["enum"]
    assert enum == ["P1", "P2", AGENT_COMMITMENT]


def test_prompts_dir_without_baseline_falls_back(tmp_path: object, settings: Settings) -> None:
    from pathlib import Path

    other = Path(str(tmp_path)) / "other"
    other.mkdir()
    assert load_baseline_prompt(other).id == load_baseline_prompt().id
    assert Sample("x").repeat == 0 and current_sample.get() is None
