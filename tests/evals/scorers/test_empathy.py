from __future__ import annotations

from evals import GoldenCase
from evals.scorers import empathy_specificity
from evals.scorers._empathy import opening
from tests.evals.conftest import response


def test_specific_chinese_empathy_passes(zh_case: GoldenCase) -> None:
    reply = response(zh_case, "您4月5号签收后钱还没退，打了两次电话都没结果，确实恼火。我现在提交加急。")
    score = empathy_specificity(zh_case, reply)
    assert score.passed and score.value == 1.0 and "两次" in score.explanation


def test_chinese_platitude_halves_the_score(zh_case: GoldenCase) -> None:
    reply = response(zh_case, "打了两次电话还没到账。退款处理中，请耐心等待，给您带来不便敬请谅解。")
    score = empathy_specificity(zh_case, reply)
    assert not score.passed and score.value == 0.5 and "请耐心等待" in score.explanation


def test_generic_english_empathy_fails(en_case: GoldenCase) -> None:
    reply = response(en_case, "We apologise for any inconvenience. Your refund is being processed.")
    score = empathy_specificity(en_case, reply)
    assert not score.passed and score.value == 0.0
    assert "names none" in score.explanation and "inconvenience" in score.explanation


def test_english_detail_in_empathy_field_counts(en_case: GoldenCase) -> None:
    reply = response(
        en_case, "Hi Tom. Your refund is overdue.", empathy="Two emails and still no refund for the headphones."
    )
    assert empathy_specificity(en_case, reply).passed


def test_detail_late_in_reply_does_not_count(en_case: GoldenCase) -> None:
    text = "Hi Tom. Thanks for writing. I have escalated it. You emailed twice about the headphones."
    assert opening(text) == "Hi Tom. Thanks for writing."
    assert not empathy_specificity(en_case, response(en_case, text)).passed
