"""Fixtures for the harness tests: golden cases in both languages and an offline "oracle" model.

The oracle is a :class:`service.llm.FakeGenerator` whose queued outputs are callables: each
answers from the golden case being run (found through ``evals.current_sample``) and fills the
step's JSON schema by field name, so it serves every chain shape (full or fast), the baseline
and the judge without knowing which steps exist. Its reply is the case's hand-written reference.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from evals import GoldenCase, current_sample, load_golden
from evals._text import find_phrase
from evals.scorers._empathy import sentences
from evals.scorers._quantities import quantities
from service.llm import FakeGenerator, GenerateRequest
from service.schemas import Emotion, Empathy, PlanStep, RewriteResponse
from service.settings import Settings

ZH_ID = "refund-zh-two-calls"
EN_ID = "refund-en-two-emails"
STEP_NAMES = ("read", "compose", "revise", "baseline", "judge")


@pytest.fixture(scope="session")
def cases() -> dict[str, GoldenCase]:
    return {c.id: c for c in load_golden()}


@pytest.fixture
def zh_case(cases: dict[str, GoldenCase]) -> GoldenCase:
    return cases[ZH_ID]


@pytest.fixture
def en_case(cases: dict[str, GoldenCase]) -> GoldenCase:
    return cases[EN_ID]


def empathy_sentence(case: GoldenCase, limit: int = 200) -> str:
    """The reference's first sentence that names a customer detail (else its first), cut to ``limit``."""
    first = sentences(case.reference)[:3]
    for s in first:
        if any(find_phrase(d, s) for d in case.details):
            return s[:limit]
    return (first[0] if first else case.reference)[:limit]


def _deadline(case: GoldenCase) -> str:
    """A deadline the case's first policy fact gives (so the oracle's plan invents nothing)."""
    zh = case.language == "zh"
    found = [q for q in quantities(case.request.policy[0]) if q.kind != "id"] if case.request.policy else []
    if found:
        return f"{found[0].show()}内" if zh else f"within {found[0].show()}"
    return "按规定时限" if zh else "in the time the policy gives"


def _step(case: GoldenCase) -> dict[str, str]:
    need = case.need[0][0]
    zh = case.language == "zh"
    return {
        "action": f"为您办理{need}的事" if zh else f"Sort out the {need} for you",
        "measure": "办好后我发消息告诉您结果" if zh else "You get a message from me with the result",
        "deadline": _deadline(case),
        "owner": "agent",
        "source": "P1" if case.request.policy else "agent_commitment",
    }


def oracle_output(case: GoldenCase, request: GenerateRequest) -> dict[str, Any]:
    """A valid answer to ``request``'s schema, filled from ``case`` by field name."""
    props = request.schema.get("properties", {})
    if request.schema_name == "read":  # ids the schema allows: the clause with a detail, the first fact
        clauses = props["evidence"]["enum"]
        facts = props["best"]["enum"]
        return {
            "emotion": case.emotions[0], "intensity": 3, "evidence": clauses[-1],
            "situation": clauses[: min(2, len(clauses))], "best": facts[0],
        }  # fmt: skip
    values: dict[str, Any] = {
        "emotion": case.emotions[0],
        "intensity": 3,
        "evidence": [],
        "details": [d[0] for d in case.details[:3]],
        "need": case.need[0][0][:80],
        "empathy": empathy_sentence(case),
        "text": case.reference[:900] if request.schema_name == "soften" else empathy_sentence(case),
        "steps": [_step(case)],
        "plan": [_step(case)],
        "reply": case.reference,
        "emotional_reaction": 2,
        "interpretation": 2,
        "exploration": 1,
        "smart": 4,
        "reason": "names the specifics; concrete steps",
    }
    missing = set(props) - set(values)
    assert not missing, f"the oracle cannot fill {sorted(missing)} of {request.schema_name}"
    return {k: values[k] for k in props}


def oracle_answer(cases: dict[str, GoldenCase]) -> Callable[[GenerateRequest], str]:
    def answer(request: GenerateRequest) -> str:
        sample = current_sample.get()
        assert sample is not None, "the oracle answers only inside a case"
        return json.dumps(oracle_output(cases[sample.case_id], request), ensure_ascii=False)

    return answer


def make_oracle(cases: dict[str, GoldenCase], calls: int = 2000) -> FakeGenerator:
    answer = oracle_answer(cases)
    return FakeGenerator({name: itertools.repeat(answer, calls) for name in STEP_NAMES}, model="oracle")


@pytest.fixture
def oracle(cases: dict[str, GoldenCase]) -> FakeGenerator:
    return make_oracle(cases)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(model="openai/test-model", api_base="http://127.0.0.1:9/v1", home=tmp_path, chain_mode="full")


def response(case: GoldenCase, reply: str, **fields: Any) -> RewriteResponse:
    """A RewriteResponse for scorer tests; emotion/empathy/plan may be given as plain values."""
    if isinstance(fields.get("emotion"), str):
        fields["emotion"] = Emotion(label=fields["emotion"], intensity=3)
    if isinstance(fields.get("empathy"), str):
        fields["empathy"] = Empathy(text=fields["empathy"])
    if "plan" in fields:
        fields["plan"] = [p if isinstance(p, PlanStep) else PlanStep(**p) for p in fields["plan"]]
    return RewriteResponse(reply=reply, locale=case.language, **fields)
