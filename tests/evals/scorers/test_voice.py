"""empathy_voice: the agent speaking to the customer, not the customer, not about the customer."""

from __future__ import annotations

import pytest

from evals.scorers import empathy_voice
from tests.evals.conftest import response
from tests.evals.helpers import golden

ZH = golden(
    "zh",
    "我下周就要出差，希望你们尽快处理。充电器用了两天就坏了，我都打了三次电话。",
    "您好，请寄回检测。",
    details=["出差", "三次"],
)
EN = golden(
    "en",
    "My flight is on Monday and I need the passport back before then. I have called three times.",
    "Your passport will be returned by courier.",
    details=["Monday", "flight"],
)


@pytest.mark.parametrize(
    ("empathy", "what"),
    [
        ("我下周就要出差，希望你们尽快处理", "the customer's first person"),
        ("充电器坏了让顾客感到非常不满。", "third person"),
        ("该用户打了三次电话，很着急。", "third person"),
        ("您提到“出差”和“三次”，我们理解。", "quoted fragments"),
        ("您应该早点联系我们，下次请先看说明书。", "moralising"),
        ("真倒霉，您太可怜了。", "pity, flattery or blame-taking"),
        ("这全是我们的错，给您添麻烦了。", "pity, flattery or blame-taking"),
        ("这让我们感到非常失望和愤怒。", "pity, flattery or blame-taking"),
    ],
)
def test_chinese_wrong_voices(empathy: str, what: str) -> None:
    score = empathy_voice(ZH, response(ZH, f"{empathy}我现在为您安排换货。", empathy=empathy))
    assert not score.passed and score.value == 0.0 and what in score.explanation, score.explanation


@pytest.mark.parametrize(
    ("empathy", "what"),
    [
        ("I need the passport back before then, my flight is on Monday.", "the customer's first person"),
        ("You told us “flight” and “Monday”; I can see why this worries you.", "quoted fragments"),
        ("The customer is worried about the flight on Monday.", "third person"),
        ("She has called three times about the passport.", "third person"),
        ("It's important to apply early when you travel on Monday.", "moralising"),
        ("You should have applied earlier for a Monday flight.", "moralising"),
        ("How unlucky, with your flight on Monday!", "pity, flattery or blame-taking"),
        ("As a valued customer, your Monday flight matters to us.", "pity, flattery or blame-taking"),
        ("It is all our fault that your flight on Monday is at risk.", "pity, flattery or blame-taking"),
    ],
)
def test_english_wrong_voices(empathy: str, what: str) -> None:
    score = empathy_voice(EN, response(EN, f"Hi. {empathy} I am chasing it now.", empathy=empathy))
    assert not score.passed and what in score.explanation, score.explanation


def test_a_long_verbatim_copy_fails_even_without_first_person() -> None:
    copy = "passport back before then. I have called three times"
    score = empathy_voice(EN, response(EN, f"The {copy}, so I understand.", empathy=f"The {copy}."))
    assert not score.passed and "copies the customer's message" in score.explanation


@pytest.mark.parametrize(
    "empathy",
    [
        "下周就要出差，充电器却用两天就坏了，您已经打了三次电话，换谁都会着急。",
        "出差在即又坏了充电器，我明白您有多着急。",
    ],
)
def test_chinese_agent_voice_passes(empathy: str) -> None:
    reply = f"您好，{empathy}我现在就为您安排换新，今天发出。"
    score = empathy_voice(ZH, response(ZH, reply, empathy=empathy))
    assert score.passed and score.value == 1.0, score.explanation


def test_english_agent_voice_passes() -> None:
    empathy = "With your flight on Monday and three calls already, I can see how worrying this wait is."
    score = empathy_voice(EN, response(EN, f"Hi Sam,\n\n{empathy} I am chasing the courier now.", empathy=empathy))
    assert score.passed, score.explanation


def test_the_reply_sentence_is_judged_without_an_empathy_field() -> None:
    assert not empathy_voice(ZH, response(ZH, "您好，我下周就要出差，希望你们尽快处理。")).passed
    assert empathy_voice(ZH, response(ZH, "您好，下周就要出差，这件事我来跟进到底。")).passed
    assert not empathy_voice(ZH, response(ZH, "")).passed


def test_third_person_pronoun_is_fine_when_the_customer_speaks_of_someone() -> None:
    mum = golden("en", "My mum is 84 and her alarm runs on the phone line.", "An engineer comes Thursday.")
    reply = "Your mum relying on that alarm while she lives alone is a real worry. An engineer comes Thursday."
    assert empathy_voice(mum, response(mum, reply)).passed


def test_the_customers_own_clients_are_not_third_person() -> None:
    demo = golden("zh", "导出报错，我明天上午要给客户做演示！", "您好，技术团队正在处理。")
    assert empathy_voice(demo, response(demo, "明天上午就要给客户做演示，导出却报错，确实着急。")).passed
    rhetorical = golden("zh", "信号断了四次，你们是不是觉得用户好欺负？", "您好，基站正在维护。")
    score = empathy_voice(rhetorical, response(rhetorical, "信号断了四次，用户好欺负，我们一起来解决。"))
    assert not score.passed and "third person «用户»" in score.explanation


def test_bare_mum_is_the_customers_word() -> None:
    mum = golden("en", "My mum is 84 and her alarm runs on the phone line.", "An engineer comes Thursday.")
    score = empathy_voice(mum, response(mum, "I understand how worried mum is. An engineer comes Thursday."))
    assert not score.passed and "first person «mum»" in score.explanation
