from decimal import Decimal

from service.verify._quantity import Quantity, is_supported, unsupported


def test_numeric_kinds_compare_by_value() -> None:
    money = Quantity("money", Decimal(500), "$500")
    assert money.matches(Quantity("money", Decimal(500), "500元"))
    assert money.matches(Quantity("number", Decimal(500), "500"))  # a bare number supports any kind
    assert Quantity("number", Decimal(500)).matches(money)
    assert not money.matches(Quantity("money", Decimal(50)))


def test_different_units_do_not_support_each_other() -> None:
    three_times = Quantity("count", Decimal(3), "三次")
    assert not three_times.matches(Quantity("duration", Decimal(3), "3天"))
    assert not Quantity("percent", Decimal(50)).matches(Quantity("money", Decimal(50)))
    assert three_times.matches(Quantity("count", Decimal(3), "3 times"))


def test_text_and_unit_do_not_take_part_in_equality() -> None:
    assert Quantity("money", Decimal(1200), "¥1,200", "") == Quantity("money", Decimal(1200), "1200元", "元")
    assert len({Quantity("number", Decimal(2), "两次"), Quantity("number", Decimal(2), "twice")}) == 1


def test_time12_matches_morning_and_evening() -> None:
    six = Quantity("time12", Decimal(360))
    assert six.matches(Quantity("time", Decimal(360)))
    assert six.matches(Quantity("time", Decimal(1080)))
    assert not Quantity("time", Decimal(360)).matches(Quantity("time", Decimal(1080)))


def test_dates_without_month_match_the_day() -> None:
    fifth = Quantity("date", Decimal(5))  # 5号
    assert fifth.matches(Quantity("date", Decimal(305)))  # 3月5日
    assert fifth.matches(Quantity("number", Decimal(5)))  # "the 5th", 5日内
    assert not Quantity("date", Decimal(305)).matches(Quantity("date", Decimal(405)))
    assert not Quantity("date", Decimal(305)).matches(Quantity("number", Decimal(5)))


def test_other_kinds_need_the_same_kind() -> None:
    assert not Quantity("weekday", Decimal(1)).matches(Quantity("number", Decimal(1)))
    assert not Quantity("relday", Decimal(0)).matches(Quantity("number", Decimal(0)))
    assert Quantity("id", "A7731").matches(Quantity("id", "A7731"))


def test_unsupported_keeps_claim_order() -> None:
    claims = [
        Quantity("money", Decimal(500), "$500"),
        Quantity("number", Decimal(3)),
        Quantity("money", Decimal(20)),
    ]
    pool = [Quantity("duration", Decimal(3))]
    assert [q.text for q in unsupported(claims, pool)] == ["$500", ""]
    assert is_supported(claims[1], pool)
