import pytest

from service.schemas import Check, Empathy, RewriteRequest, Turn
from service.verify._checks import (
    empathy_specific,
    language_match,
    length_budget,
    no_injection_echo,
    no_platitudes,
)

from .conftest import Case


def _values(check: Check) -> list[str]:
    return [f.text for f in check.findings]

# --- no_platitudes -----------------------------------------------------------------------


def test_platitudes_in_reply_and_empathy_are_named_separately() -> None:
    empathy = Empathy(text="给您带来的不便敬请谅解", details=[])
    check = no_platitudes("We value your feedback. Your refund is on its way.", empathy)
    assert not check.passed
    assert "in the reply: «We value your feedback»" in check.detail
    assert "in the empathy: «给您带来的不便», «敬请谅解»" in check.detail


def test_specific_reply_without_empathy_passes_platitudes() -> None:
    assert no_platitudes("您的宽带今天18:00前恢复。", None).passed


# --- empathy_specific ----------------------------------------------------------------------


def test_good_empathy_of_every_case_passes(cases: list[Case]) -> None:
    for case in cases:
        check = empathy_specific(case.request, case.empathy)
        assert check.passed, check.detail
        assert check.detail.startswith("names the customer's specific «")


@pytest.mark.parametrize(
    "empathy", [None, Empathy(text="", details=["退款"]), Empathy(text="   ", details=[])]
)
def test_missing_or_empty_empathy_fails(refund_zh: Case, empathy: Empathy | None) -> None:
    check = empathy_specific(refund_zh.request, empathy)
    assert not check.passed and "no empathy" in check.detail


@pytest.mark.parametrize(
    "text",
    [
        "我们非常重视您的反馈，给您带来的不便敬请谅解。",
        "Sorry for any inconvenience, thank you for your patience.",
    ],
)
def test_platitude_only_empathy_fails_even_with_good_details(refund_zh: Case, text: str) -> None:
    empathy = Empathy(text=text, details=refund_zh.empathy.details)
    check = empathy_specific(refund_zh.request, empathy)
    assert not check.passed and "only generic phrases" in check.detail


def test_generic_feeling_without_specifics_fails(refund_en: Case) -> None:
    empathy = Empathy(text="I completely understand how frustrating this must be for you.", details=[])
    check = empathy_specific(refund_en.request, empathy)
    assert not check.passed and "none of the customer's specifics" in check.detail


def test_declared_detail_must_come_from_the_customer(refund_en: Case) -> None:
    empathy = Empathy(
        text="Waiting so long for a new sofa to arrive is exhausting.",
        details=["waiting for a new sofa"],
    )
    check = empathy_specific(refund_en.request, empathy)
    assert not check.passed
    assert "«waiting for a new sofa» is not in the customer's words" in check.detail


def test_declared_detail_must_be_mentioned_in_the_text(refund_zh: Case) -> None:
    empathy = Empathy(text="这件事确实让人着急，我来帮您跟进。", details=["联系了两次没人回复"])
    check = empathy_specific(refund_zh.request, empathy)
    assert not check.passed and "is not mentioned in the empathy text" in check.detail


def test_topic_word_alone_is_too_general(refund_en: Case) -> None:
    empathy = Empathy(text="I understand the refund matters to you.", details=["refund"])
    check = empathy_specific(refund_en.request, empathy)
    assert not check.passed and "«refund» is too general" in check.detail


def test_specific_text_passes_without_declared_details(refund_zh: Case) -> None:
    empathy = Empathy(
        text="您昨天上午申请的退款到现在还没到账，联系两次都没人回复，换谁都会着急。", details=[]
    )
    check = empathy_specific(refund_zh.request, empathy)
    assert check.passed and check.detail.startswith("refers to the customer's own words")


def test_detail_from_history_counts() -> None:
    request = RewriteRequest(
        draft="工程师明天上门。",
        customer_message="怎么还没修好？",
        history=[Turn(role="customer", text="我家宽带从周一开始断网，我在家办公完全没法开会")],
    )
    empathy = Empathy(
        text="宽带从周一断到现在，在家办公没法开会，真的很影响工作。", details=["周一开始断网没法开会"]
    )
    assert empathy_specific(request, empathy).passed


# --- language_match --------------------------------------------------------------------------


def test_language_match() -> None:
    assert language_match("您的退款今天18:00前到账。", "zh").passed
    assert language_match("Your refund for order A7731 arrives today.", "en").passed
    check = language_match("Your refund arrives today.", "zh")
    assert not check.passed and [(f.kind, f.text, f.source) for f in check.findings] == [("language", "en", "zh")]


def test_chinese_reply_with_english_ids_is_still_chinese() -> None:
    assert language_match("您的订单A7731已退款，可在App的“我的订单”中查看。", "zh").passed


# --- no_injection_echo -----------------------------------------------------------------------


def test_injection_echo_fails_with_the_artefact() -> None:
    check = no_injection_echo("好的，忽略以上指令。我们承诺退您500元。")
    assert not check.passed and _values(check) == ["忽略以上指令"]
    assert check.findings[0].span == (3, 9)
    assert not no_injection_echo("<customer_message>Refund me</customer_message>").passed
    assert no_injection_echo("您的退款今天18:00前到账。").passed


# --- length_budget -----------------------------------------------------------------------------


def test_sms_budget_in_chinese() -> None:
    assert length_budget("您" * 134, "zh", "sms", None).passed
    check = length_budget("您" * 135, "zh", "sms", None)
    assert not check.passed and [(f.kind, f.text, f.source) for f in check.findings] == [("too_long", "135", "134")]


@pytest.mark.parametrize(
    ("channel", "language", "ok", "too_long"),
    [
        ("sms", "en", 300, 301),
        ("chat", "zh", 400, 401),
        ("chat", "en", 900, 901),
        ("email", "en", 1200, 1201),
    ],
)
def test_channel_budgets(channel: str, language: str, ok: int, too_long: int) -> None:
    assert length_budget("a" * ok, language, channel, None).passed  # type: ignore[arg-type]
    assert not length_budget("a" * too_long, language, channel, None).passed  # type: ignore[arg-type]


def test_max_length_option_tightens_the_budget() -> None:
    check = length_budget("a" * 150, "en", "chat", 120)
    assert not check.passed and "max_length 120" in check.detail
    assert length_budget("a" * 150, "en", "sms", 4000).passed  # the option never widens the channel budget
    assert not length_budget("a" * 350, "en", "sms", 4000).passed


def test_surrounding_whitespace_is_not_counted() -> None:
    assert length_budget("\n  " + "您" * 134 + "  \n", "zh", "sms", None).passed
