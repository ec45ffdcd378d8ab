import re

import pytest

from service.phrasing import customer_to_agent, first_person, policy_to_you, third_person


@pytest.mark.parametrize(
    ("fact", "said"),
    [
        ("客服可为客户提交加急催办，财务在24小时内答复。", "客服可为您提交加急催办，财务在24小时内答复。"),
        ("行动不便的客户可申请上门服务。", "如果行动不便，您可申请上门服务。"),
        ("出现冒火花等安全问题的，请客户立即停止使用。", "出现冒火花等安全问题的，请您立即停止使用。"),
        ("客户经理会联系您。", "客户经理会联系您。"),
    ],
)
def test_policy_third_person_becomes_you_in_chinese(fact: str, said: str) -> None:
    assert policy_to_you(fact, "zh") == said


@pytest.mark.parametrize(
    ("fact", "said"),
    [
        (
            "Customers in financial difficulty can request a payment holiday.",
            "If you're in financial difficulty, you can request a payment holiday.",
        ),
        (
            "Customers who rely on a line for an alarm can be registered as priority.",
            "If you rely on a line for an alarm, you can be registered as priority.",
        ),
        ("On the customer's request the agent can bar calls.", "On your request the agent can bar calls."),
        ("A direct message from the guest relations manager.", "A direct message from the guest relations manager."),
        ("Customers can back up their data first.", "You can back up your data first."),
        ("We refund in full, as the customer prefers.", "We refund in full, as you prefer."),
    ],
)
def test_policy_third_person_becomes_you_in_english(fact: str, said: str) -> None:
    assert policy_to_you(fact, "en") == said


def test_customer_words_are_turned_to_the_agent_voice_both_ways() -> None:
    assert customer_to_agent("我的包裹你们弄丢了", "zh") == "您的包裹我们弄丢了"
    assert customer_to_agent("My bill is £212 and I was in Spain", "en") == "Your bill is £212 and you were in Spain"
    assert customer_to_agent("your tracking shows you received them", "en") == "our tracking shows we received them"


def test_third_and_first_person_are_found() -> None:
    assert third_person("顾客反映异物", "zh") == ["顾客"]
    assert third_person("the customer is upset, he says", "en") == ["the customer", "he"]
    assert third_person("您的退款", "zh") == []
    assert first_person("我下周就要出差", "zh") == ["我"]
    assert first_person("your refund", "en") == []


@pytest.mark.parametrize(
    ("fact", "message", "said"),
    [
        # Another party's role (a qualifier before it) is never the customer; the one who reported is.
        (
            "对门住户家中水管爆裂的，由物业联系对门住户开门，并在当天告知报修住户处理进度。",
            None,
            "对门住户家中水管爆裂的，由物业联系对门住户开门，并在当天告诉您处理进度。",
        ),
        ("隔壁租户拒绝配合检修时，物业可上门协调。", None, "隔壁租户拒绝配合检修时，物业可上门协调。"),
        # The person cared for is not the customer when they write about a relative; 家属 then is.
        (
            "老人夜间离床时，护理员须立即查看并在30分钟内告知家属。",
            "我爸住在你们院里，昨晚他一个人下床了",
            "老人夜间离床时，护理员须立即查看并在30分钟内告诉您。",
        ),
        ("老人夜间离床时，护理员须立即查看。", "我今年78岁，晚上总睡不好", "您夜间离床时，护理员须立即查看。"),
        # A role held only when the message shows it.
        ("主人可随时取消寄养预约。", "我家狗下周要寄养三天", "您可随时取消寄养预约。"),
        ("主人可随时取消寄养预约。", None, "主人可随时取消寄养预约。"),
        ("卖家发货超时的，买家可申请赔付。", "我在你们平台买的鞋一直没发货", "卖家发货超时的，您可申请赔付。"),
        # A kind of customer the rules cannot say as 您 keeps its words (never 企业您).
        ("企业客户可申请月结账单。", None, "企业客户可申请月结账单。"),
    ],
)
def test_chinese_roles_follow_the_customer_message(fact: str, message: str | None, said: str) -> None:
    out = policy_to_you(fact, "zh", message=message)
    assert out == said
    assert not re.search(r"(?:住户|业主|租户|买家|主人|老人|客户)您|您(?:住户|业主|租户|买家|主人|老人)", out)


@pytest.mark.parametrize(
    ("fact", "message", "said"),
    [
        (
            "The guest whose room was downgraded receives a refund of the difference.",
            None,
            "If your room was downgraded, you receive a refund of the difference.",
        ),
        (
            "If the member misses two classes, the coach calls them.",
            None,
            "If you miss two classes, the coach calls them.",
        ),
        (
            "When the customer carries a parcel for a neighbour, the customer signs for it.",
            None,
            "When you carry a parcel for a neighbour, you sign for it.",
        ),
        ("Other members are not told who booked the room.", None, "Other members are not told who booked the room."),
        (
            "The upstairs tenant must allow access for repairs.",
            None,
            "The upstairs tenant must allow access for repairs.",
        ),
        ("Members can log in to the member portal.", None, "You can log in to the member portal."),
        (
            "The seller ships within 2 days, and the buyer confirms receipt in the app.",
            "I bought a lamp from one of your sellers last week",
            "The seller ships within 2 days, and you confirm receipt in the app.",
        ),
        (
            "The buyer confirms receipt in the app.",
            "I sold a lamp and my buyer says it never came",
            "The buyer confirms receipt in the app.",
        ),
        (
            "Residents can have visitors until 8pm, and the family is called after any fall.",
            "My dad moved into your home in March",
            "Residents can have visitors until 8pm, and you are called after any fall.",
        ),
        ("Donors receive a receipt for each gift.", "I gave £20 last month", "You receive a receipt for each gift."),
        (
            "Course notes are sent to all enrolled students.",
            "I enrolled on your evening course",
            "Course notes are sent to all enrolled students.",
        ),
    ],
)
def test_english_roles_follow_the_customer_message(fact: str, message: str | None, said: str) -> None:
    assert policy_to_you(fact, "en", message=message) == said
