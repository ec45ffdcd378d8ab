from __future__ import annotations

from typing import Any

from evals import GoldenCase
from evals.scorers import judge_step, smart_plan
from service.schemas import AGENT_COMMITMENT, PlanStep
from tests.evals.conftest import response


def _step(**kw: Any) -> dict[str, Any]:
    return {"owner": "agent", **kw}


def test_complete_chinese_plan_scores_full(zh_case: GoldenCase) -> None:
    plan = [
        _step(action="为您提交加急工单，请财务核查退款", measure="财务回复后我把结果发给您", deadline="24小时内",
              source=zh_case.request.policy[2]),
        _step(action="审核通过后原路退回退款", measure="您在原支付账户看到退款", deadline="审核通过后1-3个工作日",
              source="P2"),
    ]  # fmt: skip
    score = smart_plan(zh_case, response(zh_case, "r", plan=plan))
    assert score.passed and score.value == 1.0


def test_vague_chinese_step_loses_points(zh_case: GoldenCase) -> None:
    plan = [_step(action="尽快处理", measure="满意", deadline="尽快", source=AGENT_COMMITMENT)]
    score = smart_plan(zh_case, response(zh_case, "r", plan=plan))
    assert not score.passed
    assert "not specific" in score.explanation and "not measurable" in score.explanation
    assert "not time-bound" in score.explanation and "no step addresses the core need" in score.explanation


def test_english_step_with_invented_figure_is_not_achievable(en_case: GoldenCase) -> None:
    step = PlanStep(owner="agent", action="Escalate your refund to the payments team", measure="You get their answer",
                    deadline="within 4 hours", source=en_case.request.policy[2])  # fmt: skip
    verdict = judge_step(step, en_case)
    assert not verdict.met["achievable"] and "4 hours" in " ".join(verdict.notes)
    assert verdict.met["specific"] and verdict.met["relevant"] and verdict.met["time-bound"]


def test_english_agent_commitment_is_achievable_but_unknown_source_is_not(en_case: GoldenCase) -> None:
    ok = PlanStep(owner="agent", action="Call you about the refund", measure="A call from me", deadline="today",
                  source=AGENT_COMMITMENT)  # fmt: skip
    assert judge_step(ok, en_case).met["achievable"]
    bad = ok.model_copy(update={"source": "our refund promise"})
    assert not judge_step(bad, en_case).met["achievable"]
    assert not judge_step(ok.model_copy(update={"source": "P9"}), en_case).met["achievable"]


def test_no_plan_scores_zero(en_case: GoldenCase, zh_case: GoldenCase) -> None:
    for case in (en_case, zh_case):
        score = smart_plan(case, response(case, "r"))
        assert score.value == 0.0 and not score.passed
