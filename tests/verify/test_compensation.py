import pytest

from service.verify import find_compensation
from service.verify._compensation import compensation_concepts


@pytest.mark.parametrize(
    ("text", "concepts"),
    [
        ("We will send you a $20 voucher.", {"voucher"}),
        ("Here is a coupon for your next order", {"voucher"}),
        ("we can offer a 10% discount", {"discount"}),
        ("You'll get 20% off next month", {"discount"}),
        ("we will compensate you for the outage", {"compensation"}),
        ("a service credit of one day's fee", {"credit"}),
        ("your first month free", {"free"}),
        ("we'll waive the late fee", {"waiver"}),
        ("为您申请50元代金券", {"voucher"}),
        ("送您一张优惠券", {"voucher"}),
        ("给您打八折", {"discount"}),
        ("我们会给予补偿", {"compensation"}),
        ("赔偿您的损失", {"compensation"}),
        ("返现20元", {"cashback"}),
        ("本单免单", {"free"}),
        ("为您减免本期利息", {"waiver"}),
        ("赠送200积分", {"points", "free"}),
    ],
)
def test_compensation_terms(text: str, concepts: set[str]) -> None:
    assert compensation_concepts(text) == concepts


@pytest.mark.parametrize(
    "text",
    [
        "Your refund of $45.99 will reach your card in 1-3 working days.",  # a refund is not compensation
        "Your credit card bill is due on the 25th; it will not affect your credit record.",
        "Feel free to call us back.",
        "退款将原路退回您的银行卡",
        "让您来回折腾了两次",  # 折腾 is not a discount
        "This is a free-standing router.",
    ],
)
def test_not_compensation(text: str) -> None:
    assert find_compensation(text) == []


def test_terms_come_back_in_order_as_written() -> None:
    assert find_compensation("A Voucher now and a discount later") == [
        ("voucher", "Voucher"),
        ("discount", "discount"),
    ]
