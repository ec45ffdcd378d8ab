import pytest

from service.schemas import AGENT_COMMITMENT, PlanStep
from service.verify import is_concrete_deadline
from service.verify._plan import plan_complete

POLICY = ["退款审核通过后1-3个工作日原路退回", "Agents may call the customer back the same day before 6pm."]


def _step(deadline: str = "今天18:00前", source: str = AGENT_COMMITMENT, **kw: str) -> PlanStep:
    fields = {"action": "催办退款", "measure": "回电告知到账时间", "owner": "agent"} | kw
    return PlanStep(deadline=deadline, source=source, **fields)


@pytest.mark.parametrize(
    "deadline",
    [
        "今天18:00前",
        "明天上午",
        "今晚",
        "24小时内",
        "3个工作日内",
        "三个工作日内",
        "下午6点前",
        "周五前",
        "本次通话结束前",
        "还款日前",
        "立即",
        "today before 6pm",
        "tomorrow",
        "within 48 hours",
        "within an hour",
        "by Friday",
        "by March 5",
        "now",
        "before your due date",
        "尽快，最迟明天",  # vague words are fine once a concrete time is there
    ],
)
def test_concrete_deadlines(deadline: str) -> None:
    assert is_concrete_deadline(deadline)


@pytest.mark.parametrize(
    "deadline",
    [
        "尽快",
        "稍后",
        "第一时间",
        "后续",
        "soon",
        "ASAP",
        "as soon as possible",
        "shortly",
        "later",
        "in due course",
    ],
)
def test_vague_deadlines(deadline: str) -> None:
    assert not is_concrete_deadline(deadline)


def test_complete_plan_passes_and_lists_deadlines() -> None:
    plan = [_step(), _step(deadline="1-3个工作日内", source=POLICY[0])]
    check = plan_complete(plan, POLICY)
    assert check.passed and check.name == "plan_complete"
    assert "«今天18:00前»" in check.detail and "«1-3个工作日内»" in check.detail


def test_policy_source_matches_despite_spacing_and_final_punctuation() -> None:
    source = "Agents may call the customer back  the same day before 6pm"
    assert plan_complete([_step(deadline="today before 6pm", source=source)], POLICY).passed


def test_no_plan_fails() -> None:
    check = plan_complete([], POLICY)
    assert not check.passed and "no steps" in check.detail


def test_vague_deadline_fails_and_is_named() -> None:
    check = plan_complete([_step(), _step(deadline="尽快")], POLICY)
    assert not check.passed
    assert "step 2" in check.detail and "«尽快»" in check.detail
    assert "step 1" not in check.detail


@pytest.mark.parametrize("field", ["action", "measure", "deadline"])
def test_empty_fields_fail(field: str) -> None:
    step = _step().model_copy(update={field: ""})
    check = plan_complete([step], POLICY)
    assert not check.passed and f"empty {field}" in check.detail


def test_source_must_be_a_policy_fact_or_agent_commitment() -> None:
    for source in ["P1", "company policy", "退款政策"]:
        check = plan_complete([_step(source=source)], POLICY)
        assert not check.passed and f"«{source}»" in check.detail
