"""The draft's stance (set D's classes, 2026-12-02), tested on new sentences: broad markers of a draft
holding its ground go when the plan offers a way forward and stay when it does not; impersonal draft
statements go when the plan carries the way forward; figures and IDs stay; the phrasing fixes met
in the same reading (a named colleague, a qualified customer with a modifier, verb agreement, cuts)."""

from __future__ import annotations

import pytest

from service.phrasing._draft import read_draft
from service.phrasing._facts import read_fact
from service.phrasing._person import policy_to_you
from service.phrasing._summary import candidates
from service.verify import draft_facts_kept, find_harm


@pytest.mark.parametrize(
    ("language", "draft", "gone"),
    [
        ("zh", "网速是运营商统一调度的，我们门店这边改不了。", "改不了"),
        ("zh", "合同第5条写得很清楚，提前解约不在退费范围内，请知悉。", "写得很清楚"),
        ("zh", "我们的处理完全符合平台规则，客服并无过错。", "并无过错"),
        ("zh", "包裹出了仓库就归快递公司管了。", "归快递公司管"),
        ("zh", "运费有疑问的话，建议您直接跟卖家本人沟通。", "卖家"),
        ("zh", "门店只负责销售，不参与售后维修。", "只负责"),
        ("en", "The meter reading on file is correct and is final.", "correct"),
        ("en", "Gym members are responsible for their own lockers.", "responsible"),
        ("en", "The booking terms were set out in the confirmation email.", "set out"),
        ("en", "Until the landlord signs, there's nothing we can do.", "nothing we can do"),
        ("en", "Contract prices lock in at signing.", "lock in"),
        ("en", "Appeals take time to process.", "take time"),
    ],
)
def test_stance_goes_when_the_plan_offers_a_way(language: str, draft: str, gone: str) -> None:
    parts = read_draft(draft, language, has_plan=True, known=[])  # type: ignore[arg-type]
    assert gone.lower() not in " ".join(parts.body).lower()
    assert any(kind == "stance" for kind, _ in parts.dropped)


def test_stance_stays_when_there_is_no_plan() -> None:
    """Without a way forward to offer, the draft's statement is all the customer gets: it stays."""
    parts = read_draft("The meter reading on file is correct.", "en", has_plan=False, known=[])
    assert parts.body == ["The meter reading on file is correct."]


def test_stance_is_never_checked_in_a_reply() -> None:
    """The same markers are plain information in a policy fact: the reply's harm check ignores them."""
    assert [h.kind for h in find_harm("维修不在保修范围内的，按成本价收费。", "zh")] == ["stance"]
    from service.verify import draft_harm_removed

    assert draft_harm_removed("维修不在保修范围内的，按成本价收费。", "zh").passed


def test_a_figure_in_a_stance_clause_stays_without_the_stance() -> None:
    parts = read_draft("The £84 bill on account 5512-09 is correct and is due by 3 May.", "en", has_plan=True, known=[])
    assert parts.body == ["The £84 bill on account 5512-09 is due by 3 May."]
    parts = read_draft("退款申请TK-20931已按规定驳回。", "zh", has_plan=True, known=[])
    assert parts.body == ["退款申请TK-20931已驳回。"]


def test_impersonal_statements_go_when_the_plan_carries_the_way_forward() -> None:
    draft = "Parking permits are issued by the council. We can send you the form today."
    parts = read_draft(draft, "en", has_plan=True, known=[])
    assert parts.body == ["We can send you the form today."]
    kept = read_draft("退款正在处理，财务审核后会原路退回。", "zh", has_plan=True, known=[])
    assert kept.body == ["退款正在处理，财务审核后会原路退回。"]  # a sentence that speaks to them stays whole


def test_a_named_colleague_offers_it_through_the_agent() -> None:
    said = read_fact("P1", "值班主管可为受影响的住客安排一次免费接送。", "zh").said
    assert said.startswith("我可以请值班主管为您")


def test_a_qualified_customer_with_a_modifier() -> None:
    said = policy_to_you("65岁以上独居客户可优先预约上门服务。", "zh")
    assert said.startswith("如果您年满65岁、独居，")
    assert "独居您" not in said


def test_joined_option_keeps_its_subject_before_bing() -> None:
    said = read_fact("P1", "因门店原因无法按时交付的，退还定金差价，并可免费预约一次上门安装。", "zh").said
    assert "并您" not in said and "并可以免费预约" in said


def test_verbs_agree_after_the_customer_becomes_you() -> None:
    said = policy_to_you("A refund is possible if the customer writes within 7 days and has not opened the box.", "en")
    assert "and have not opened" in said
    said = policy_to_you("Members who renew before June keep their locker and get a free towel.", "en")
    assert said.startswith("Members") is False and "you keep your locker and get a free towel" in said


def test_restatement_cuts_keep_what_belongs_together() -> None:
    found = candidates(["I got back from two weeks in Peru to a £410 bill for calls."], "en")
    assert found and all(not c.endswith(("from two weeks", "a £410 bill")) for c in found)
    found = candidates(["I forgot to switch off auto-renew and paid £89 for a second year on 1 May."], "en")
    assert found and all("£89" in c for c in found)
    found = candidates(['Three weeks now and all I hear is "it is with the surveyor".'], "en")
    assert all(c.count('"') % 2 == 0 for c in found)
    found = candidates(["A charge of £12.50 from a shop I've never heard of."], "en")
    assert found and found[0].endswith("heard of")


def test_a_quoted_rule_is_wording_a_quoted_name_is_a_fact() -> None:
    assert draft_facts_kept("订单页已写明“商品以实物为准不接受退换”。", "我们来处理。").passed
    assert not draft_facts_kept("请在“我的-发票”里下载。", "我们来处理。").passed


def test_a_condition_goes_with_its_threat_into_the_note() -> None:
    parts = read_draft("年费880元已逾期5天。若3月1日前仍未补缴，本公司将暂停会员服务。", "zh", has_plan=True, known=[])
    assert parts.body == ["年费880元已逾期5天。"]
    assert parts.notes == ["若3月1日前仍未补缴，我们将暂停会员服务"]


def test_a_clause_pointing_back_at_dropped_words_goes() -> None:
    parts = read_draft(
        "Repairs are done by our partner workshop, which is fully booked. Ref RW-118. "
        "They will call you when it is ready.",
        "en",
        has_plan=True,
        known=[],
    )
    assert parts.body == ["Ref RW-118."]
    assert ("dangling reference", "They will call you when it is ready.") in parts.dropped


def test_a_deflection_to_a_third_party_and_a_thanks_for_the_message_go() -> None:
    assert read_draft("单号K-2201，如有疑问请向厂家反映。", "zh", has_plan=True, known=[]).body == ["单号K-2201。"]
    assert read_draft("Thanks for your email. Ref K-2201.", "en", has_plan=True, known=[]).body == ["Ref K-2201."]


def test_urgency_pressure_goes() -> None:
    parts = read_draft(
        "The June course is nearly full, so book straight away if you want a place.", "en", has_plan=True, known=[]
    )
    assert "straight away" not in " ".join(parts.body)


def test_every_qualified_customer_and_adverbs_before_verbs() -> None:
    assert "每个您" not in policy_to_you("每个会员每年限一次。", "zh")
    assert "you never need to" in policy_to_you(
        "We call the council for customers; the customer never needs to call.", "en"
    )


def test_a_plain_question_without_feeling_is_neutral_but_fraud_is_not() -> None:
    from service.chain._cue import read_cues, reconcile

    calm = read_cues("Hi, when does my contract end? I'd like to plan ahead.", "en")
    assert reconcile("disappointment", 2, calm)[0] == "neutral"
    fraud = read_cues("Two payments I've never heard of left my account last night. What do I do?", "en")
    assert reconcile("disappointment", 3, fraud)[0] != "neutral"


# Set G/H (2026-12-02): a clause carrying a fact the final gate counts is never lost; broader families
# of stance; no fragments after a cut. New sentences, both languages.


def _said(parts: object) -> str:
    return " ".join([*parts.body, *parts.notes])  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("language", "draft"),
    [
        ("zh", "您好，可在“社区服务中心”小程序-我的预约里取消，取消后名额即时释放。"),
        ("zh", "需提交：1.身份证复印件；2.租房合同；3.近三个月水电单。"),
        ("en", "Balance of $92.40 is overdue. Failure to settle the account by 11/03 will result in a $30 fee."),
        ("zh", "建议您自行联系城东营业部（电话0571-88213456）核对信息。"),
        ("en", "You will need to call Northway on 0161 555 0144 to rebook, as we are unable to book on their behalf."),
    ],
)
def test_no_fact_the_gate_counts_is_lost(language: str, draft: str) -> None:
    parts = read_draft(draft, language, has_plan=True, known=[])  # type: ignore[arg-type]
    assert draft_facts_kept(draft, _said(parts)).passed


@pytest.mark.parametrize(
    ("language", "draft", "gone"),
    [
        ("zh", "系统显示您提交的发票为无效票据，因此报销未通过。", "无效票据"),
        ("zh", "配送延误属于特殊情况，并非我方故意拖延。", "并非我方"),
        ("zh", "这件事跟我们门店没有关系。", "没有关系"),
        ("zh", "物业无权进入业主家中。", "无权"),
        ("zh", "我们能做的都已经做了，请您再耐心等等。", "耐心"),
        ("zh", "请按要求补齐资料后重新上传。", "重新上传"),
        ("zh", "我们保证今后不会再出现类似问题。", "保证"),
        ("zh", "客户反映的问题已登记。", "已登记"),
        ("en", "Our payment app doesn't allow duplicate charges, so the second must have been made by you.", "allow"),
        ("en", "The installers, who are responsible for their own rota, set the date.", "responsible"),
        ("en", "You'll need to speak with your landlord about the meter.", "landlord"),
        ("en", "Please monitor your inbox for updates from the airline.", "airline"),
        ("en", "The member should have locked the bike.", "should have"),
        ("en", "Cust very upset.", "upset"),
    ],
)
def test_broader_stance_families_go(language: str, draft: str, gone: str) -> None:
    parts = read_draft(draft, language, has_plan=True, known=[])  # type: ignore[arg-type]
    assert gone.lower() not in _said(parts).lower()


def test_a_threat_note_keeps_its_date_and_an_or_threat_is_caught() -> None:
    parts = read_draft("Failure to pay the arrears by 12/10 will result in a £40 fee.", "en", has_plan=True, known=[])
    assert "12/10" in parts.notes[0] and not parts.notes[0].lower().startswith("failure")
    assert "threat" in {h.kind for h in find_harm("Pay by Monday or the contents will be sold.", "en")}


def test_no_fragment_is_left_after_a_cut() -> None:
    parts = read_draft("本次检测费用260元需由您自行承担。", "zh", has_plan=True, known=[])
    assert all(not strip(s).endswith(("需由", "由")) for s in _said(parts).split("。"))
    assert "260" in _said(parts)
    parts = read_draft("Our records show the fault, and the owner should have registered the device.", "en",
                       has_plan=True, known=[])  # fmt: skip
    assert not any(s.startswith(("And ", "Of ")) for s in parts.body)
    parts = read_draft("Approx. £120 was quoted for the part. Ref QX-41.", "en", has_plan=True, known=[])
    assert parts.body[0].startswith("Approx.")


def test_a_rule_wall_lead_goes_its_reference_stays_when_it_is_a_fact() -> None:
    parts = read_draft("根据《会员服务协议》第4.3条，会员到期后数据保留30天。", "zh", has_plan=True, known=[])
    assert parts.body == ["会员到期后数据保留30天。"]
    assert draft_facts_kept("根据《会员服务协议》第4.3条，会员到期后数据保留30天。", _said(parts)).passed


def test_a_good_draft_comes_through_unchanged() -> None:
    draft = "You can add a second bin for £45 a year using your reference GW-1102. It arrives within 10 working days."
    assert read_draft(draft, "en", has_plan=True, known=[]).body == [
        "You can add a second bin for £45 a year using your reference GW-1102.",
        "It arrives within 10 working days.",
    ]


def strip(s: str) -> str:
    return s.strip(" ，。")
