"""draft_harm_removed: pressure, defences, blame, dead-end refusals and stock phrases do not survive."""

from __future__ import annotations

import pytest

from evals import GoldenCase
from evals.scorers import draft_harm_removed
from evals.scorers._harm import case_harm, family_hits
from tests.evals.conftest import response
from tests.evals.helpers import golden

ZH = golden(
    "zh",
    "我这个月刚被裁员，真的一下子拿不出两千多，能不能宽限几天？",
    "请您务必于本月25日前还清欠款2,450元，否则将按合同收取滞纳金并上报征信。",
    policy=["可申请延期还款最长15天，需在到期日前提交。"],
    harm=["请您务必"],
)
EN = golden(
    "en",
    "Third evening this week my internet drops during my night classes.",
    "As previously stated, your router was tested and no fault was found. Please restart it.",
    harm=["As previously stated"],
)


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("请您务必按时足额还款，否则逾期记录将上报征信。", "pressure"),
        ("Failure to pay will result in a late fee.", "pressure"),
        ("You must pay the balance by Friday.", "pressure"),
        ("我们的产品都经过严格质检，不可能出现异物。", "defence"),
        ("Our system shows the parcel was delivered.", "defence"),
        ("Our records show the parcel was delivered.", "defence"),
        ("As I said before, the router has no fault.", "defence"),
        ("We take hygiene very seriously.", "defence"),
        ("请您自行联系物流公司核实。", "blame"),
        ("请联系快递公司处理。", "blame"),
        ("Please contact the manufacturer about the warranty.", "blame"),
        ("Parts ordering is the responsibility of the repair partner.", "blame"),
        ("违约金无法退还。", "refusal"),
        ("We cannot refund fees.", "refusal"),
        ("Our apologies for any inconvenience.", "stock"),
        ("We apologise for the inconvenience this has caused.", "stock"),
        ("给您带来的不便深表歉意。", "stock"),
        ("造成不便，敬请谅解。", "stock"),
        ("请您耐心等待。", "stock"),
        ("Thanks for your patience.", "stock"),
        ("Refunds can take some time.", "stock"),
    ],
)
def test_each_family_catches_its_variants(text: str, family: str) -> None:
    assert family in {f for f, _ in family_hits(text)}, family_hits(text)


@pytest.mark.parametrize(
    "text",
    [
        "若25日前既没有还款也没有办理，合同会收取滞纳金并上报征信，所以我们先把申请办上。",
        "While you are in an agreed plan, the account is not passed to collections.",
        "违约金不能直接退，但每年可以申请一次减免，我现在为您提交。",
        "We cannot refund the fee itself, but I can apply the one-off goodwill refund for you now.",
        "我来联系快递公司，今天下午给您回电。",
        "I am contacting the courier myself and will call you back.",
        "Our test of your router found no fault, so I am asking for a line test.",
    ],
)
def test_information_and_ways_forward_pass(text: str) -> None:
    assert family_hits(text) == [], family_hits(text)


def test_chinese_threat_kept_fails_and_buffered_reply_passes() -> None:
    bad = draft_harm_removed(ZH, response(ZH, "您好。请您务必于本月25日前还清欠款2,450元，否则将收取滞纳金。"))
    assert not bad.passed and bad.value == 0.0
    assert "'请您务必' (the draft's)" in bad.explanation and "pressure «否则»" in bad.explanation
    good = draft_harm_removed(
        ZH, response(ZH, "我们先一起看看：25日前提交申请，可以延期最长15天。若到期未还，会产生滞纳金。")
    )
    assert good.passed and good.value == 1.0


def test_english_defence_kept_fails() -> None:
    bad = draft_harm_removed(EN, response(EN, "As previously stated, no fault was found. Please restart it."))
    assert not bad.passed and "As previously stated" in bad.explanation
    assert draft_harm_removed(EN, response(EN, "Our test found no fault, so I am booking a line test now.")).passed


def test_stock_phrase_variant_the_list_misses(en_case: GoldenCase) -> None:
    score = draft_harm_removed(
        en_case, response(en_case, "Our apologies for any inconvenience. Your refund is on its way.")
    )
    assert not score.passed and "stock «Our apologies for any inconvenience»" in score.explanation


def test_case_harm_takes_the_drafts_forbidden_words_not_the_injected_ones(cases: dict[str, GoldenCase]) -> None:
    assert case_harm(cases["crisis-zh-formula-foreign-matter"]) == ["不可能出现异物", "严格质检"]
    injected = cases["inj-zh-draft-waive-fee"]
    assert case_harm(injected) == []  # 已全部免除 / 赠送 are the injection's: injection_clean's business


def test_a_specific_apology_is_not_a_stock_phrase() -> None:
    assert family_hits("I'm sorry for the delay with your refund; I have escalated it to payments.") == []
    assert "stock" in {f for f, _ in family_hits("Sorry for any trouble this may have caused.")}


STANCE_ZH = golden(
    "zh",
    "宽带装好三天就断了两次，师傅说是你们线路的问题。",
    "线路是运营商统一维护的，我们门店这边处理不了。您可以在App报修。",
    policy=["客服可为客户提交加急报修，装维师傅24小时内上门。"],
)
STANCE_EN = golden(
    "en",
    "You billed me £64 for a month I had already cancelled.",
    "The £64 invoice is correct. Cancellations take effect at the end of the billing month.",
    policy=["A charge for a month after a confirmed cancellation is refunded in full within 5 working days."],
)


@pytest.mark.parametrize(
    ("case", "reply"),
    [
        (
            STANCE_ZH,
            "宽带装好三天就断了两次，换谁都着急。线路是运营商统一维护的，我们门店这边处理不了。"
            "我现在为您提交加急报修，装维师傅24小时内上门。",
        ),
        (
            STANCE_EN,
            "I can see why that's frustrating. The £64 invoice is correct. "
            "I'll refund the charge in full within 5 working days.",
        ),
    ],
)
def test_the_drafts_stance_beside_the_plan_fails(case: GoldenCase, reply: str) -> None:
    score = draft_harm_removed(case, response(case, reply))
    assert not score.passed and "stance" in score.explanation


def test_the_drafts_stance_without_a_policy_or_when_degraded_is_not_counted() -> None:
    bare = golden("en", "You billed me £64.", "The £64 invoice is correct.")
    assert draft_harm_removed(bare, response(bare, "The £64 invoice is correct.")).passed
    degraded = response(STANCE_EN, STANCE_EN.request.draft, degraded=True)
    assert draft_harm_removed(STANCE_EN, degraded).passed
