import pytest

from service.phrasing import find_deadline, read_fact


@pytest.mark.parametrize(
    ("text", "kind", "said", "deadline"),
    [
        (
            "超过时效未到账的，客服可提交加急工单，财务在24小时内回复处理结果。",
            "agent",
            "超过时效未到账的，我可以为您提交加急工单，财务在24小时内回复处理结果",
            "24小时内",
        ),
        (
            "到期日前可申请最低还款，按时还最低额不影响征信。",
            "customer",
            "到期日前您可以申请最低还款，按时还最低额不影响征信",
            "到期日前",
        ),
        (
            "仓库签收退货后，财务在3个工作日内完成审核。",
            "process",
            "仓库签收退货后，财务在3个工作日内完成审核",
            "3个工作日内",
        ),
        ("逾期3天内还清的，不会报送征信系统。", "assure", "逾期3天内还清的，不会报送征信系统", "3天内"),
        ("天气原因造成的延误不提供现金补偿。", "limit", "天气原因造成的延误不提供现金补偿", ""),
        ("邮件客服承诺48小时内首次回复。", "process", "邮件客服承诺48小时内首次回复", "48小时内"),
        ("检测期间可为客户免费更换同款奶粉。", "agent", "检测期间我可以为您免费更换同款奶粉", ""),
    ],
)
def test_chinese_facts(text: str, kind: str, said: str, deadline: str) -> None:
    fact = read_fact("P1", text, "zh")
    assert (fact.kind, fact.said, fact.deadline) == (kind, said, deadline)


@pytest.mark.parametrize(
    ("text", "kind", "said"),
    [
        (
            "Agents can escalate an overdue refund to the payments team, who reply within 1 working day.",
            "agent",
            "I can escalate your overdue refund to the payments team, who reply within 1 working day",
        ),
        (
            "A home visit can be booked for the next available day.",
            "agent",
            "I can book a home visit for the next available day",
        ),
        (
            "The delivery address can be changed in Orders > Edit address until dispatch.",
            "customer",
            "You can change the delivery address in Orders > Edit address until dispatch",
        ),
        (
            "Accounts in an agreed plan are not passed to collections.",
            "assure",
            "Accounts in an agreed plan are not passed to collections",
        ),
        (
            "Statements older than 7 years can be ordered by post and arrive within 10 working days.",
            "process",
            "Statements older than 7 years can be ordered by post and arrive within 10 working days",
        ),
        ("Customers can be given the depot's phone number.", "agent", "I can give you the depot's phone number"),
    ],
)
def test_english_facts(text: str, kind: str, said: str) -> None:
    fact = read_fact("P1", text, "en")
    assert (fact.kind, fact.said) == (kind, said)


def test_deadlines_prefer_a_bound() -> None:
    assert find_deadline("Replies within 2 working days, same day if urgent.", "en") == "within 2 working days"
    assert find_deadline("补发订单在当天16:00前提交，当天发出。", "zh") == "当天16:00前"
    assert find_deadline("Roaming is included in the plan.", "en") == ""
