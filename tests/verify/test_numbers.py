from decimal import Decimal

import pytest

from service.verify import Quantity, extract_quantities, find_quantities


def _values(text: str) -> list[tuple[str, Decimal | str]]:
    return [(q.kind, q.value) for q in find_quantities(text)]


def _q(kind: str, value: int | str) -> tuple[str, Decimal | str]:
    return (kind, Decimal(value) if isinstance(value, int) else value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本期账单¥1,200", [_q("money", 1200)]),
        ("本期账单1200元", [_q("money", 1200)]),
        ("还剩1.2万元", [_q("money", 12000)]),
        ("退我三百五十块", [_q("money", 350)]),
        ("a refund of $45.99", [("money", Decimal("45.99"))]),
        ("USD 50 or 20 euros", [_q("money", 50), _q("money", 20)]),
        ("RMB500", [_q("money", 500)]),
    ],
)
def test_amounts(text: str, expected: list[tuple[str, Decimal]]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("最低还款额为账单金额的10%", [_q("percent", 10)]),
        ("百分之五十", [_q("percent", 50)]),
        ("a 3.5 percent fee", [("percent", Decimal("3.5"))]),
    ],
)
def test_percentages(text: str, expected: list[tuple[str, Decimal]]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1-3个工作日到账", [_q("duration", 1), _q("duration", 3)]),
        ("1到3天", [_q("duration", 1), _q("duration", 3)]),
        ("3-5 business days", [_q("duration", 3), _q("duration", 5)]),
        ("one to three days", [_q("duration", 1), _q("duration", 3)]),
        ("三个工作日", [_q("duration", 3)]),
        ("within 48 hours", [_q("duration", 48)]),
        ("twenty-four hours", [_q("duration", 24)]),
        ("within an hour", [_q("duration", 1)]),
        ("一个半小时", [("duration", Decimal("1.5"))]),
        ("半小时内回电", [("duration", Decimal("0.5"))]),
        ("两个星期", [_q("duration", 2)]),
        ("十分钟", [_q("duration", 10)]),
        ("一两天就能发出", [_q("duration", 1), _q("duration", 2)]),  # colloquial range
        ("三五天", [_q("duration", 3), _q("duration", 5)]),
    ],
)
def test_durations_and_ranges(text: str, expected: list[tuple[str, Decimal]]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3月5日前还款", [_q("date", 305)]),
        ("三月五日", [_q("date", 305)]),
        ("2024-03-05", [_q("date", 305), _q("number", 2024)]),
        ("2024年3月5日", [_q("date", 305), _q("number", 2024)]),
        ("by March 5", [_q("date", 305)]),
        ("on 5 March 2024", [_q("date", 305), _q("number", 2024)]),
        ("每月25号", [_q("date", 25)]),
        ("周五前", [_q("weekday", 5)]),
        ("by Friday", [_q("weekday", 5)]),
        ("星期天", [_q("weekday", 7)]),
        ("明天上午", [_q("relday", 1)]),
        ("today", [_q("relday", 0)]),
        ("昨天", [_q("relday", -1)]),
        ("the day after tomorrow", [_q("relday", 2)]),
    ],
)
def test_dates(text: str, expected: list[tuple[str, Decimal]]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("已经联系了两次", [_q("count", 2)]),
        ("contacted you twice", [_q("count", 2)]),
        ("2 times", [_q("count", 2)]),
        ("第三次联系了", [_q("count", 3)]),
        ("this is the second time I call", [_q("count", 2)]),
        ("Third day without internet", [_q("duration", 3)]),
        ("分3期、6期或12期", [_q("count", 3), _q("count", 6), _q("count", 12)]),
        ("打八折", [_q("count", 8)]),
        ("我七十岁了", [_q("count", 70)]),
    ],
)
def test_counts(text: str, expected: list[tuple[str, Decimal]]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "十分抱歉，一直没有处理",  # 十分 = very, 一直 = all along
        "千万不要着急，万一有问题",
        "请稍等一下，我查一个信息",  # 一 with no time or money unit
        "one of our engineers; no one called; someone will",
        "您有两个选择：一是最低还款，二是分期",  # counting the reply's own options
        "there are two options",
        "the first time; wait a second; the third outage",
        "1. 提交申请\n2. 等待审核",  # list markers
        "（1）打开App （2）点击我的",
        "第一步：打开设置；第二步：重置密码",
        "Step 1: open the app",
        "百忙之中",
        "我们一块儿解决",  # 一块儿 = together, not one yuan
        "给您三点建议",  # points of advice, not three o'clock
        "几天",
    ],
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_identifiers_and_phones() -> None:
    found = _values("订单A12345678，工单SR-2024-0305，手机13800138000，热线400-820-8820")
    assert found == [
        ("id", "4008208820"),
        ("id", "A12345678"),
        ("id", "SR20240305"),
        ("id", "13800138000"),
    ]


def test_urls_and_emails_are_not_quantities() -> None:
    assert find_quantities("see https://example.com/help/123 or write to help2@example.com") == []


def test_full_width_digits_and_punctuation() -> None:
    assert _values("１２００元，２４小时") == [_q("money", 1200), _q("duration", 24)]


def test_chinese_numeral_equals_arabic_value() -> None:
    assert extract_quantities("三个工作日") == extract_quantities("3个工作日")
    assert extract_quantities("3 working days") == extract_quantities("三个工作日")


def test_two_times_in_any_form_is_the_same_value() -> None:
    twice = extract_quantities("twice")
    assert twice == extract_quantities("两次") == extract_quantities("2 times") == extract_quantities("2次")


def test_amount_forms_are_one_value() -> None:
    assert extract_quantities("¥1,200") == extract_quantities("1200元") == extract_quantities("1,200 yuan")


def test_extract_returns_a_set_of_quantities() -> None:
    found = extract_quantities("1-3个工作日，最快1个工作日")
    assert all(isinstance(q, Quantity) for q in found)
    assert {q.value for q in found} == {Decimal(1), Decimal(3)}


def test_surface_text_is_kept_for_details() -> None:
    (q,) = find_quantities("我们会在24小时内回电")
    assert q.text == "24小时" and q.unit == "小时" and q.kind == "duration"


def test_empty_text() -> None:
    assert extract_quantities("") == set()
