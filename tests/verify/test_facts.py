import pytest

from service.verify._facts import key_facts, lost_facts


def _texts(draft: str, reply: str) -> list[str]:
    return [f.text for f in lost_facts(draft, reply)]


def test_key_facts_of_a_draft() -> None:
    draft = (
        "订单A12345678的退款¥1,200已提交，1-3个工作日到账，可在《退款进度》页面查看，"
        "详见 https://example.com/refund 或致电400-820-8820，邮件help@example.com"
    )
    kinds = {(f.kind, f.text) for f in key_facts(draft)}
    assert ("id", "A12345678") in kinds
    assert ("quantity", "¥1,200") in kinds
    assert ("quantity", "1-3个工作日") in kinds
    assert ("name", "退款进度") in kinds
    assert ("url", "https://example.com/refund") in kinds
    assert ("email", "help@example.com") in kinds
    assert ("id", "400-820-8820") in kinds


@pytest.mark.parametrize(
    ("draft", "reply"),
    [
        ("退款¥1,200已提交", "您的1200元退款已经提交"),
        ("Refund of ¥1,200 submitted", "Your refund of 1200 yuan has been submitted"),
        ("3个工作日内到账", "three working days"),
        ("已为您联系2次", "我们已经联系了两次"),
        ("ticket BB-20931", "工单号bb20931"),
        ("请在3月5日前还款", "please repay by March 5"),
        ("今天18:00前回电", "我会在今天下午6点前给您回电"),
        ("visit https://example.com/help", "see https://example.com/help."),
        ("在“我的订单”里查看", "打开App里的“我的订单”即可"),
        ("《用户服务协议》第5条", "根据《用户服务协议》第5条"),
        ("call 400-820-8820", "call 400 820 8820"),
    ],
)
def test_facts_kept_in_another_form(draft: str, reply: str) -> None:
    assert _texts(draft, reply) == []


@pytest.mark.parametrize(
    ("draft", "reply", "lost"),
    [
        ("退款¥1,200已提交，1-3个工作日到账", "退款已提交，很快到账", ["¥1,200", "1-3个工作日"]),
        ("Refund for order A7731 submitted", "Your refund has been submitted", ["A7731"]),
        ("Engineer visit within 24 hours", "An engineer will visit within 48 hours", ["24 hours"]),
        ("请在“我的订单”查看", "请在App里查看", ["我的订单"]),
        ("write to help@example.com", "write to us", ["help@example.com"]),
        ("今天18:00前回电", "明天18:00前回电", ["今天"]),
    ],
)
def test_lost_facts_are_listed(draft: str, reply: str, lost: list[str]) -> None:
    assert _texts(draft, reply) == lost


def test_quoted_sentences_are_not_names() -> None:
    assert [f for f in key_facts('He said "I will call you back, promise."') if f.kind == "name"] == []


def test_draft_without_facts() -> None:
    assert key_facts("退款已经提交了，请放心。") == []
    assert lost_facts("Refund submitted.", "Your refund is submitted.") == []
