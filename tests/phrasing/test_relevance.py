"""Which policy facts speak to the case (service/phrasing/_relevance.py): sentences written for these tests."""

from service.phrasing._relevance import off_topic, topic_grams

MESSAGE_ZH = "我上周在你们店修的洗衣机，今天又开始漏水了，地板都泡了。师傅说是进水管老化，可我才换了三个月。"
DRAFT_ZH = "您好，进水管属于易损件，建议您自行购买更换。"
POLICY_ZH = [
    "维修后90天内同一故障复发的，免费上门返修，客服在24小时内安排师傅。",
    "更换的配件享有90天质保，质保期内老化或损坏免费更换。",
    "会员生日当月到店消费可享8折。",
]

MESSAGE_EN = (
    "My flight to Lisbon was cancelled two hours before boarding and the rebooking you offered is three days "
    "later. I have a job interview there on Thursday."
)
DRAFT_EN = "Cancellations happen for operational reasons. You can rebook in the app."
POLICY_EN = [
    "Passengers on a cancelled flight can be rebooked on a partner airline at no cost if that arrives sooner.",
    "A full refund of the unused ticket is available on request and paid within 7 days.",
    "Cabin bags must not exceed 10 kg.",
]


def test_the_stray_rule_is_left_out_in_chinese() -> None:
    assert off_topic(POLICY_ZH, MESSAGE_ZH, DRAFT_ZH) == {2}


def test_the_stray_rule_is_left_out_in_english() -> None:
    assert off_topic(POLICY_EN, MESSAGE_EN, DRAFT_EN) == {2}


def test_at_most_one_fact_goes() -> None:
    policy = [*POLICY_EN, "Lounge passes are sold at the gate.", "Pets travel in the hold only."]
    assert len(off_topic(policy, MESSAGE_EN, DRAFT_EN)) == 1


def test_a_short_policy_is_kept_whole() -> None:
    # two facts: chosen for this case, whatever the wording (the praise case: "Staff praise is passed on")
    assert off_topic(POLICY_EN[:1] + POLICY_EN[2:], MESSAGE_EN, DRAFT_EN) == set()


def test_a_fact_sharing_the_case_words_stays() -> None:
    policy = [*POLICY_EN[:2], "Passengers whose flight to an interview or exam is cancelled can ask for a letter."]
    assert off_topic(policy, MESSAGE_EN, DRAFT_EN) == set()


def test_topic_grams_leave_out_words_every_policy_shares() -> None:
    assert "工作" not in topic_grams("客服在3个工作日内回复")
    assert "within" not in {g for g in topic_grams("refunds are paid within 7 days")}
    assert "refun" in topic_grams("refunds are paid within 7 days")
