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


@pytest.mark.parametrize(
    ("text", "kind", "said"),
    [
        ("报修超时由客服负责联系维修站处理。", "agent", "报修超时由我负责联系维修站处理"),
        ("由物业管家负责通知保洁上门。", "agent", "由我负责通知保洁上门"),
        ("客服中心工作时间为每日9:00-21:00。", "process", "客服中心工作时间为每日9:00-21:00"),
        ("签约后7天内，租客可申请退租。", "customer", "签约后7天内，您可以申请退租"),
        ("签约后7天内，房东可申请解约。", "process", "签约后7天内，房东可申请解约"),
        ("由店长在1个工作日内回复可选方案。", "process", "由店长在1个工作日内回复可选方案"),
        (
            "客户可免费改签一次，最早可改至当天，座位可选靠窗。",
            "customer",
            "您可以免费改签一次，最早可以改至当天，座位可以选靠窗",
        ),
        ("符合条件的，可直接代为申请补贴。", "agent", "符合条件的，我可以直接帮您申请补贴"),
    ],
)
def test_chinese_facts_keep_who_acts(text: str, kind: str, said: str) -> None:
    fact = read_fact("P1", text, "zh")
    assert (fact.kind, fact.said) == (kind, said)


@pytest.mark.parametrize(
    ("text", "kind", "said"),
    [
        ("Bookings can be cancelled free of charge up to 48 hours before arrival.", "customer",
         "You can cancel bookings free of charge up to 48 hours before arrival"),
        ("Membership fees can be paid monthly or yearly.", "customer", "You can pay membership fees monthly or yearly"),
        ("Deliveries can be skipped or paused from the account page.", "customer",
         "You can skip or pause deliveries from the account page"),
        ("Refunds can also be requested by email.", "customer", "You can also request refunds by email"),
        ("Dark mode can be turned on in Settings > Display.", "customer",
         "You can turn on dark mode in Settings > Display"),
        ("A courier collection can be arranged for the next working day.", "agent",
         "I can arrange a courier collection for the next working day"),
        ("Parcels can be cancelled by our staff before dispatch.", "agent", "I can cancel parcels before dispatch"),
        ("Items can be returned or exchanged within 30 days.", "process",
         "Items can be returned or exchanged within 30 days"),
    ],
)  # fmt: skip
def test_english_passive_offers_say_who_acts(text: str, kind: str, said: str) -> None:
    fact = read_fact("P1", text, "en")
    assert (fact.kind, fact.said) == (kind, said)


def test_the_customer_message_reaches_the_fact_reader() -> None:
    fact = read_fact("P1", "寄养期间主人每天可预约一次喂食视频。", "zh", message="我的猫在你们店寄养")
    assert fact.said == "寄养期间您每天可以预约一次喂食视频"
    assert read_fact("P1", "寄养期间主人每天可预约一次喂食视频。", "zh").said == "寄养期间主人每天可预约一次喂食视频"
