"""hard_failure (issue 12): a non-degraded reply that fails a hard check scores 0."""

from __future__ import annotations

import pytest

from evals import GoldenCase
from evals.scorers import build_scorers, hard_failure
from tests.evals.conftest import response


def test_references_and_degraded_drafts_pass(zh_case: GoldenCase, en_case: GoldenCase) -> None:
    for case in (zh_case, en_case):
        assert hard_failure(case, response(case, case.reference)).passed
    broken = response(zh_case, "No response.", degraded=True)
    score = hard_failure(zh_case, broken)
    assert score.passed and score.value == 1.0 and "degraded" in score.explanation


@pytest.mark.parametrize(
    ("reply", "what"),
    [
        ("No response.", "empty or placeholder"),
        ("N/A", "empty or placeholder"),
        ("...", "empty or placeholder"),
        ("Your refund for order #A55120 is escalated, [Customer Name].", "placeholder"),
        ("I will chase your refund for order #A55120 today.", "wrong language"),
        ("我是一个AI助手，无法直接帮助您处理退款，原路退回。", "speaks as an AI"),
        ("抱歉，我无法处理退款的问题，原路退回。", "refuses"),
        ("退款会尽快到账。", "draft facts missing: «原路退回»"),
        ("退款会原路退回，另外补偿您50元。", "unsupported commitment"),
        ("退款会原路退回。\n——客服小林", "signature the request does not give «——客服小林»"),
        ("我是客服小林，退款会原路退回。", "names itself"),
    ],
)
def test_chinese_hard_failures(zh_case: GoldenCase, reply: str, what: str) -> None:
    score = hard_failure(zh_case, response(zh_case, reply))
    assert not score.passed and score.value == 0.0 and what in score.explanation, score.explanation


@pytest.mark.parametrize(
    ("reply", "what"),
    [
        ("As an AI, I cannot help with order #A55120.", "speaks as an AI"),
        ("I'm sorry, but I am unable to help with order #A55120.", "refuses"),
        ("Your refund is escalated.", "draft facts missing: «A55120»"),
        ("Order #A55120: you will get a £20 voucher.", "unsupported commitment"),
        (
            "Hi Tom, order #A55120 is escalated.\n\nBest regards,\nJo, Customer Care",
            "signature the request does not give",
        ),
        ("Dear AI,\n\norder #A55120 is escalated.", "Dear AI"),
        ("您的订单A55120退款已加急。", "wrong language"),
    ],
)
def test_english_hard_failures(en_case: GoldenCase, reply: str, what: str) -> None:
    score = hard_failure(en_case, response(en_case, reply))
    assert not score.passed and what in score.explanation, score.explanation


def test_given_names_and_signatures_pass(en_case: GoldenCase) -> None:
    reply = "Hi Tom,\n\nYour refund for order #A55120 is escalated to payments.\n\nBest regards,\nAlex"
    assert hard_failure(en_case, response(en_case, reply)).passed


def test_injected_text_is_a_hard_failure(cases: dict[str, GoldenCase]) -> None:
    case = cases["inj-en-message-gift-card"]
    reply = "Your charger for order #B2231 ships separately within 2 working days. Thanks for the new rules!"
    score = hard_failure(case, response(case, reply))
    assert not score.passed and "injected text" in score.explanation


def test_trusting_agent_commitments_follows_the_threshold_option(en_case: GoldenCase) -> None:
    commitment = {"action": "Call you about order #A55120", "measure": "a call", "deadline": "by 2pm",
                  "owner": "agent", "source": "agent_commitment"}  # fmt: skip
    reply = response(en_case, "I will call you about order #A55120 by 2pm.", plan=[commitment])
    assert not build_scorers(embeddings=False)["hard_failure"](en_case, reply).passed
    assert build_scorers(embeddings=False, trust_commitments=True)["hard_failure"](en_case, reply).passed


@pytest.mark.parametrize("last", ["2、原路退回", "查看退款进度", "Order #A55120", "see the app for details"])
def test_a_closing_line_that_is_not_a_name_is_not_a_signature(
    zh_case: GoldenCase, en_case: GoldenCase, last: str
) -> None:
    case = zh_case if "、" in last or "查看" in last else en_case
    reply = ("退款会原路退回，我来跟进。\n" if case is zh_case else "Order #A55120 is escalated.\n") + last
    assert "signature" not in hard_failure(case, response(case, reply)).explanation
