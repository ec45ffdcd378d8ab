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
