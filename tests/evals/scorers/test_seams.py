"""seams: punctuation, one language, one greeting, list numbers, new questions; stock closers across a run."""

from __future__ import annotations

import pytest

from evals import CaseResult, GoldenCase
from evals.scorers import RUN_CHECKS, seams
from evals.scorers._seams import apply_repeated_closers, closer_key
from tests.evals.conftest import response
from tests.evals.helpers import golden


@pytest.mark.parametrize(
    ("reply", "what"),
    [
        ("太过分了！，我们马上处理。", "broken punctuation «太过分了！，»"),
        ("已经为您提交。。", "broken punctuation"),
        ("我们已经提交,财务会回复。", "half-width punctuation in Chinese"),
        ("我们已经提交。We will call you back tomorrow morning.", "English inside the Chinese reply"),
        ("您好，您好，退款已经提交。", "doubled greeting"),
        ("接下来：\n1.向您说明退款进度", "list number glued to its text «1.向您"),
        ("（24小时内回复", "unbalanced （）"),
    ],
)
def test_chinese_seams(zh_case: GoldenCase, reply: str, what: str) -> None:
    score = seams(zh_case, response(zh_case, reply))
    assert not score.passed and what in score.explanation, score.explanation


@pytest.mark.parametrize(
    ("reply", "what"),
    [
        ("We are on it,. Your refund is escalated.", "broken punctuation"),
        ("Your refund is escalated ; we reply soon.", "space before punctuation"),
        ("There is no water or fall.Damage is not covered.", "no space after a sentence «fall.Damage»"),
        ("Your refund is escalated，we reply soon.", "Chinese punctuation in English"),
        ("Your refund is escalated. 我们会跟进。", "Chinese inside the English reply"),
        ("Hi Tom,\n\nHi Tom, your refund is escalated.", "doubled greeting"),
        ("Refund escalated.\n\nBest regards,\nAlex\n\nKind regards,\nAlex", "doubled sign-off"),
        ("Next:\n1.Check your account", "list number glued to its text"),
        ("Can you send us your bank statement first?", "asks a distressed customer what the draft never asked"),
    ],
)
def test_english_seams(en_case: GoldenCase, reply: str, what: str) -> None:
    score = seams(en_case, response(en_case, reply))
    assert not score.passed and what in score.explanation, score.explanation


@pytest.mark.parametrize(
    "reply",
    [
        "您好，退款已经提交……财务24小时内回复。您更倾向原路退回，还是退到余额？",
        "您好！\n1、我现在提交加急工单；\n2、财务24小时内回复。\n订单号A55120，详见 https://example.com/a,b 。",
    ],
)
def test_clean_chinese_passes(zh_case: GoldenCase, reply: str) -> None:
    assert seams(zh_case, response(zh_case, reply)).passed, seams(zh_case, response(zh_case, reply)).explanation


def test_clean_english_email_passes(en_case: GoldenCase) -> None:
    reply = (
        "Dear Tom,\n\nYour refund for order #A55120 is overdue, e.g. past the 5 working days. I have escalated it; "
        "would you prefer the money on your card or as store credit?\n\nBest regards,\nAlex"
    )
    assert seams(en_case, response(en_case, reply)).passed, seams(en_case, response(en_case, reply)).explanation


def test_questions_are_fine_for_a_calm_customer_or_when_the_draft_asks() -> None:
    calm = golden("en", "Quick question: can I change my address?", "Yes, in Orders.", emotions=["neutral"])
    assert seams(calm, response(calm, "Yes, in Orders. Is it a new flat?")).passed
    asking = golden("zh", "吹风机冒火花了，明天就要用！", "请问是否有进水或摔落？", emotions=["urgency"])
    assert seams(asking, response(asking, "您好，冒火花太危险了，请先停用。请问吹风机有没有进水或摔落？")).passed
    assert not seams(asking.model_copy(update={"request": asking.request.model_copy(update={"draft": "请停用。"})}),
                     response(asking, "您好，请先停用。您是怎么用的？")).passed  # fmt: skip


def test_restating_the_customers_own_question_is_not_a_new_question(cases: dict[str, GoldenCase]) -> None:
    case = cases["billing-en-premium-calls"]
    reply = "14 calls to Latvia you never made would worry anyone: is someone using your details? I have barred them."
    assert seams(case, response(case, reply)).passed


def _results(replies: list[str], case: GoldenCase) -> list[CaseResult]:
    out = []
    for reply in replies:
        resp = response(case, reply)
        out.append(CaseResult(variant="v", case_id=case.id, language=case.language, response=resp,
                              scores={"seams": seams(case, resp)}))  # fmt: skip
    return out


def test_a_stock_closing_line_fails_every_reply_that_ends_with_it(zh_case: GoldenCase) -> None:
    stock = "有新进展我会第一时间联系您。"
    replies = [f"您的退款第{i}步已经提交，财务{i}小时内回复。{stock}" for i in range(6)] + [
        "退款已提交，明天我打电话告诉您结果。",
        "退款已提交，到账后请在App查看。",
    ]
    results = _results(replies, zh_case)
    RUN_CHECKS["seams"](results, {zh_case.id: zh_case})
    failed = [r for r in results if not r.scores["seams"].passed]
    assert (
        len(failed) == 6
        and "stock closing line «有新进展我会第一时间联系您。» ends 6 of 8" in failed[0].scores["seams"].explanation
    )
    assert results[-1].scores["seams"].passed


def test_varied_closers_and_small_runs_pass(en_case: GoldenCase) -> None:
    varied = _results(
        [f"Refund escalated. I will email you by {d}." for d in ("Monday", "Tuesday", "Friday")] * 2, en_case
    )
    apply_repeated_closers(varied, {en_case.id: en_case})
    assert all(r.scores["seams"].passed for r in varied)  # figures and days differ: not one stock line
    same_small = _results(["Refund escalated. I will update you as soon as there is news."] * 4, en_case)
    apply_repeated_closers(same_small, {en_case.id: en_case})
    assert all(r.scores["seams"].passed for r in same_small)  # fewer than 5 replies: no run-level verdict


def test_closer_ignores_the_signature(en_case: GoldenCase) -> None:
    assert closer_key("Escalated. I will email you.\n\nBest regards,\nAlex", ["Alex"]) == "iwillemailyou"
