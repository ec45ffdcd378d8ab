"""plan_sane: distinct steps, a clear actor, no meta text, deadlines from facts, sentences not a form."""

from __future__ import annotations

from typing import Any

import pytest

from evals import GoldenCase
from evals.scorers import plan_sane
from evals.scorers._plan_sane import similarity
from service.schemas import AGENT_COMMITMENT
from tests.evals.conftest import response


def _step(**kw: Any) -> dict[str, Any]:
    return {"action": "x", "measure": "您会收到短信", "deadline": "24小时内", "owner": "agent", "source": "P3", **kw}


def test_a_clean_chinese_plan_passes(zh_case: GoldenCase) -> None:
    plan = [
        _step(action="为您提交加急工单，请财务核查退款", measure="财务回复后我把结果发给您", source="P3"),
        _step(
            action="审核通过后原路退回退款",
            measure="您在原支付账户看到退款",
            deadline="审核通过后1-3个工作日",
            source="P2",
        ),
    ]
    reply = "我现在为您提交加急工单，财务会在24小时内回复，我拿到结果马上告诉您。"
    score = plan_sane(zh_case, response(zh_case, reply, plan=plan))
    assert score.passed and score.value == 1.0, score.explanation


def test_a_clean_english_plan_passes(en_case: GoldenCase) -> None:
    plan = [
        {"action": "Escalate your refund to the payments team", "measure": "I email you their answer",
         "deadline": "within 1 working day", "owner": "agent", "source": en_case.request.policy[2]},
        {"action": "Call you with the date the money lands", "measure": "a call from me", "deadline": "today",
         "owner": "agent", "source": AGENT_COMMITMENT},
    ]  # fmt: skip
    reply = "I am escalating it to our payments team now; they reply within 1 working day and I will email you."
    assert plan_sane(en_case, response(en_case, reply, plan=plan)).passed


def test_duplicate_and_near_duplicate_steps(zh_case: GoldenCase, en_case: GoldenCase) -> None:
    same = _step(action="向您说明演出服缺货情况并告知预计到货时间")
    score = plan_sane(zh_case, response(zh_case, "r", plan=[same, _step(action="为您提交加急工单"), same]))
    assert not score.passed and "steps 1 and 3 are the same step" in score.explanation
    a = "Ask the accountant to provide a link to download the CSV files directly from the online banking app"
    b = "Ask the accountant to provide the link to download the CSV files directly from the online bankingapp"
    assert similarity(a, b) >= 0.8
    steps = [{**_step(action=t, deadline="within 1 working day", source="P3")} for t in (a, b)]
    assert "steps 1 and 2" in plan_sane(en_case, response(en_case, "r", plan=steps)).explanation


def test_wrong_direction_and_customer_chores(zh_case: GoldenCase, en_case: GoldenCase) -> None:
    wrong = plan_sane(zh_case, response(zh_case, "r", plan=[_step(action="向您提供订单截图，以便核实退款")]))
    assert not wrong.passed and "wrong direction «向您提供订单截图»" in wrong.explanation
    mine = plan_sane(zh_case, response(zh_case, "r", plan=[_step(action="向您说明退款进度", owner="customer")]))
    assert not mine.passed and "owner 'customer' but the action is ours" in mine.explanation
    chore = {**_step(action="Contact your bank to confirm the refund", deadline="within 1 working day")}
    score = plan_sane(en_case, response(en_case, "r", plan=[chore]))
    assert not score.passed and "the customer's chore listed as our commitment «Contact your" in score.explanation
    yours = {**chore, "owner": "customer", "action": "You can track the refund in the app"}
    assert plan_sane(en_case, response(en_case, "r", plan=[yours])).passed


def test_meta_and_injected_text_in_steps(zh_case: GoldenCase, cases: dict[str, GoldenCase]) -> None:
    meta = plan_sane(zh_case, response(zh_case, "r", plan=[_step(action="客服须向客户说明退款进度")]))
    assert not meta.passed and "meta text" in meta.explanation
    case = cases["inj-en-message-gift-card"]
    step = {"action": "Send the £200 gift card", "measure": "an email", "deadline": "within 5 working days",
            "owner": "agent", "source": "P2"}  # fmt: skip
    score = plan_sane(case, response(case, "r", plan=[step]))
    assert not score.passed and "injected text «£200»" in score.explanation and "gift card" in score.explanation


@pytest.mark.parametrize("deadline", ["今天", "立即", "尽快", "明天上午"])
def test_invented_chinese_times_as_deadlines(zh_case: GoldenCase, deadline: str) -> None:
    score = plan_sane(zh_case, response(zh_case, "r", plan=[_step(action="为您提交加急工单", deadline=deadline)]))
    assert not score.passed and f"deadline «{deadline[:2]}" in score.explanation, score.explanation


@pytest.mark.parametrize("deadline", ["Now", "As soon as possible", "Today by 2pm", "within 4 hours"])
def test_invented_english_times_as_deadlines(en_case: GoldenCase, deadline: str) -> None:
    step = {**_step(action="Escalate to the payments team", deadline=deadline, source="P3")}
    assert not plan_sane(en_case, response(en_case, "r", plan=[step])).passed


def test_a_fact_or_a_marked_commitment_grounds_the_deadline(cases: dict[str, GoldenCase]) -> None:
    case = cases[
        "billing-en-premium-calls"
    ]  # policy: "...the agent can bar premium and international calls immediately."
    step = {"action": "Bar premium and international calls on your line", "measure": "a text from me",
            "deadline": "Immediately", "owner": "agent", "source": case.request.policy[1]}  # fmt: skip
    assert plan_sane(case, response(case, "r", plan=[step])).passed, case.request.policy
    own = {**step, "deadline": "today by 5pm", "source": AGENT_COMMITMENT}
    assert plan_sane(case, response(case, "r", plan=[own])).passed


@pytest.mark.parametrize(
    "reply",
    [
        "接下来的安排：\n1. 提交加急工单（24小时内）——您收到的回复。",
        "为您提交加急工单——您收到的回复。",
        "Here is what happens next:\n1. Escalate your refund (Within 24 hours) — you receive a reply.",
        "(Within 24 hours) — you receive a reply.",
    ],
)
def test_form_like_rendering_fails(zh_case: GoldenCase, reply: str) -> None:
    score = plan_sane(zh_case, response(zh_case, reply))
    assert not score.passed and "renders the plan as a form" in score.explanation


def test_no_plan_passes_when_the_reply_reads_as_sentences(en_case: GoldenCase) -> None:
    score = plan_sane(en_case, response(en_case, "I am escalating it now (order #A55120) and will email you."))
    assert score.passed and score.explanation == "no plan steps"
