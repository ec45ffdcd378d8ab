"""The ruler's own quantity reader: values, not strings, in Chinese and English."""

from __future__ import annotations

from decimal import Decimal

import pytest

from evals.scorers._quantities import Quantity, quantities, supported, unsupported


def _kinds(text: str) -> list[tuple[str, str, str]]:
    return [(q.kind, str(q.value), q.unit) for q in quantities(text)]


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("两次", "twice"),
        ("两次", "2 times"),
        ("下午6点", "6pm"),
        ("下午6点", "18:00"),
        ("三天", "3 days"),
        ("24小时", "24 hours"),
        ("两周", "14 days"),
        ("半小时", "half an hour"),
        ("¥1,200", "1200 yuan"),
        ("百分之十", "10%"),
        ("5月18日", "18 May"),
        ("周四", "Thursday"),
        ("明天", "tomorrow"),
        ("三个工作日", "3 working days"),
    ],
)
def test_chinese_and_english_forms_compare_by_value(zh: str, en: str) -> None:
    (a,), (b,) = quantities(zh), quantities(en)
    assert a.same_as(b) and b.same_as(a), (a, b)


def test_kinds_and_units_must_agree() -> None:
    (days,), (count,), (hours,) = quantities("3天"), quantities("3次"), quantities("3小时")
    assert not days.same_as(count) and not days.same_as(hours)
    (bare,) = quantities("room 3")
    assert bare.same_as(days) and bare.same_as(count)  # a bare number matches any numeric kind of its value
    (hour,) = quantities("a 1-hour window")
    assert Quantity("number", Decimal(1)).same_as(hour)  # "1" matches the amount as written


def test_twelve_hour_times_match_both_halves() -> None:
    (bare,) = quantities("6点")
    assert bare.same_as(quantities("早上6点")[0]) and bare.same_as(quantities("6pm")[0])
    assert not quantities("上午9点")[0].same_as(quantities("9pm")[0])
    assert _kinds("晚上十点多转的钱") == [("time", "1320", "")]


def test_dates_lists_and_days_of_month() -> None:
    assert [q.value for q in quantities("applied on 3, 4 and 6 May")] == [503, 504, 506]
    (day,) = quantities("本月25日前")
    assert day.same_as(quantities("25 June")[0]) and day.same_as(quantities("25")[0])
    assert _kinds("the 12th") == [("date", "12", "")]


def test_ranges_lists_and_identifiers() -> None:
    assert _kinds("1-3个工作日") == [("duration", "1", "day"), ("duration", "3", "day")]
    assert [q.value for q in quantities("可选3、6或12期")] == [3, 6, 12]
    assert _kinds("单号YT8801234567，订单#A55120，order 88-4410") == [
        ("id", "YT8801234567", ""),
        ("id", "A55120", ""),
        ("id", "884410", ""),
    ]
    assert _kinds("call 400-820-8820") == [("id", "4008208820", "")]


@pytest.mark.parametrize(
    "text",
    [
        "十分抱歉，一直没有消息，千万别急，我看一下",
        "two options: 两种办法，三点建议",
        "1. 向您说明\n2. Check the box",
        "第二步，第3条",
        "no one called, a one-off",
        "一次",
        "https://example.com/refund/2024 or help@example.com",
        "说明天气原因",
    ],
)
def test_not_quantities(text: str) -> None:
    assert quantities(text) == []


def test_unsupported_names_each_new_claim_once() -> None:
    claims = quantities("24小时内回复，24小时内到账，补偿50元")
    missing = unsupported(claims, ["财务在24小时内回复"])
    assert [q.show() for q in missing] == ["50元"]
    assert supported(quantities("twice")[0], quantities("打了两次电话"))
