from __future__ import annotations

from service.chain._empathy_guard import echoes, from_details, problem_with

MSG_ZH = "我上周三申请的退款到现在都没到账，打了两次电话都说在处理，你们到底管不管？"
MSG_EN = "Third day without internet. I work from home and I've already lost two days of work."


def test_echo_of_the_customers_sentence_is_caught_in_both_languages() -> None:
    assert echoes("上周三申请的退款到现在都没到账，打了两次电话都说在处理，我很着急", MSG_ZH, "zh")
    assert not echoes("从上周三等到现在，两次来电都只听到在处理，换作是我也会着急。", MSG_ZH, "zh")
    assert echoes("I work from home and I've already lost two days of work, terrible.", MSG_EN, "en")
    assert not echoes("Three days offline while working from home means real lost work.", MSG_EN, "en")


def test_problems_named() -> None:
    assert problem_with("给您带来不便敬请谅解。", MSG_ZH, "zh", []) == "used a stock or pressuring phrase"
    assert problem_with("您的退款到底哪天能到？", MSG_ZH, "zh", []) == "asked the customer a question back"
    assert problem_with("您打了两次电话都没有结果，换作是我也会着急。", MSG_ZH, "zh", ["打了两次电话"]) is None
    assert problem_with("我也是第一次遇到，不知道怎么办。", MSG_ZH, "zh", ["打了两次电话"]) == (
        "named none of the customer's details"
    )


def test_fallback_sentence_is_built_from_the_details() -> None:
    zh = from_details(["上周三申请的退款没到账", "打了两次电话"], "frustration", "zh")
    assert zh.startswith("上周三申请的退款没到账、打了两次电话，") and "着急" in zh
    en = from_details(["internet down since 7am", "interview at 3pm"], "urgency", "en")
    assert en == (
        "You told us “internet down since 7am” and “interview at 3pm”; time is tight and I understand the pressure."
    )
    assert "关于" in from_details(["想改账单地址"], "unknown-label", "zh")
