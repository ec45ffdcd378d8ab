"""REVIEW.md's two pairs, read by the ruler: the sendable replies pass every scorer, the others fail
the scorers of what is wrong with them (and only those)."""

from __future__ import annotations

from evals import GoldenCase
from evals.scorers import DETERMINISTIC, apply_repeated_closers
from service.schemas import PlanStep, RewriteResponse
from tests.evals.conftest import response

ZH_SENDABLE = (
    "刚失去工作，又碰上2,450元的还款，这份压力我能体会。我们可以一起想办法：在25日前提交申请，可以延期最长15天；"
    "也可以分3期还，没有额外手续费。您更倾向哪一种？我现在就帮您提交。如果25日前既没有还款也没有办理，"
    "合同会收取滞纳金并上报征信，所以我们先把申请办上。"
)
ZH = GoldenCase.model_validate(
    {
        "id": "review-zh-layoff",
        "language": "zh",
        "request": {
            "draft": "请您务必于本月25日前还清欠款2,450元，否则将按合同收取滞纳金并上报征信。",
            "customer_message": "我这个月刚被裁员，真的一下子拿不出两千多……能不能宽限几天？",
            "policy": ["可申请延期还款最长15天，需在到期日前提交。", "可申请分3期偿还，无额外手续费。"],
        },
        "emotions": ["anxiety", "helplessness"],
        "details": ["裁员|失去工作"],
        "need": ["延期|分3期|宽限"],
        "keep": ["2,450", "25日"],
        "harm": ["请您务必", "否则"],
        "reference": ZH_SENDABLE,
    }
)
ZH_NOT = (
    "您好，您这个月刚被裁员，真的一下子拿不出两千多。请您务必于本月25日前还清欠款2,450元，"
    "否则将按合同收取滞纳金并上报征信。"
)

EN_SENDABLE = (
    "Losing the connection in the middle of your night classes, three evenings running and after five restarts, "
    "is exhausting. Our test of your router found no fault, so rather than another restart, I am asking our "
    "engineers for a remote line test now; you will have the result from me within 2 hours. If it shows nothing, "
    "I will book a home visit for the next available day so that someone checks the line in person."
)
EN = GoldenCase.model_validate(
    {
        "id": "review-en-night-classes",
        "language": "en",
        "request": {
            "draft": "As previously stated, your router was tested and no fault was found. Please restart it.",
            "customer_message": (
                "Third evening this week my internet drops during my night classes. I've restarted it five times."
            ),
            "policy": [
                "Engineers can run a line test remotely within 2 hours.",
                "A home visit can be booked for the next available day.",
            ],
        },
        "emotions": ["frustration"],
        "details": ["night classes", "five times|five restarts"],
        "need": ["line test|connection|internet"],
        "keep": ["no fault"],
        "harm": ["As previously stated"],
        "reference": EN_SENDABLE,
    }
)
EN_NOT = (
    "You told us “night classes” and “five times”; I can see why this is frustrating. As previously stated, "
    "no fault was found.\n1. Restart your router (Now) — you see the light."
)
EN_NOT_PLAN = [
    PlanStep(action="Restart your router", measure="you see the light", deadline="Now", owner="agent",
             source="Engineers can run a line test remotely within 2 hours."),
]  # fmt: skip
REPLY_SCORERS = {name: fn for name, fn in DETERMINISTIC.items() if name != "smart_plan"}


def _failed(case: GoldenCase, reply: RewriteResponse) -> dict[str, str]:
    return {name: s.explanation for name, fn in REPLY_SCORERS.items() if not (s := fn(case, reply)).passed}


def test_the_sendable_replies_pass_every_scorer() -> None:
    for case in (ZH, EN):
        reply = response(case, case.reference, emotion=case.emotions[0], empathy=case.reference.split("。")[0])
        assert _failed(case, reply) == {}


def test_the_chinese_not_sendable_reply_fails_for_the_copied_words_and_the_threat() -> None:
    failed = _failed(ZH, response(ZH, ZH_NOT, emotion="anxiety"))
    assert {"draft_harm_removed", "empathy_voice"} <= set(failed), failed
    assert "请您务必" in failed["draft_harm_removed"] and "否则" in failed["draft_harm_removed"]
    assert "copies the customer's message" in failed["empathy_voice"]
    assert not {"faithfulness", "fact_retention", "language_match", "seams", "injection_clean"} & set(failed)


def test_the_english_not_sendable_reply_fails_for_formula_defence_and_form() -> None:
    reply = response(EN, EN_NOT, emotion="frustration", plan=EN_NOT_PLAN)
    failed = _failed(EN, reply)
    assert {"draft_harm_removed", "empathy_voice", "plan_sane"} <= set(failed), failed
    assert "As previously stated" in failed["draft_harm_removed"]
    assert "quoted fragments «You told us»" in failed["empathy_voice"]
    plan = failed["plan_sane"]
    assert "renders the plan as a form" in plan and "«Now» (now)" in plan and "chore listed as our commitment" in plan
    assert not {"faithfulness", "language_match", "injection_clean", "hard_failure"} & set(failed)


def test_run_level_check_leaves_two_different_closers_alone() -> None:
    from evals import CaseResult

    results = [
        CaseResult(variant="v", case_id=c.id, language=c.language, response=response(c, c.reference),
                   scores={"seams": DETERMINISTIC["seams"](c, response(c, c.reference))})
        for c in (ZH, EN)
    ]  # fmt: skip
    apply_repeated_closers(results, {ZH.id: ZH, EN.id: EN})
    assert all(r.scores["seams"].passed for r in results)
