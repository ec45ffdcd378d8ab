from decimal import Decimal

import pytest

from service.verify._numerals import canonical, parse_any, parse_arabic, parse_en, parse_zh, parse_zh_span


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("1,200", 1200),
        ("1,234.50", Decimal("1234.5")),
        ("1.2万", 12000),
        ("3千", 3000),
        ("5k", 5000),
        ("0.5", Decimal("0.5")),
    ],
)
def test_arabic(token: str, value: int | Decimal) -> None:
    assert parse_arabic(token) == value


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("三", 3),
        ("两", 2),
        ("十", 10),
        ("十五", 15),
        ("二十四", 24),
        ("一百", 100),
        ("三百五十", 350),
        ("三百零五", 305),
        ("两千", 2000),
        ("一千二百", 1200),
        ("一万", 10000),
        ("一万二千", 12000),
        ("二〇二四", 2024),
    ],
)
def test_chinese(token: str, value: int) -> None:
    assert parse_zh(token) == value


@pytest.mark.parametrize("token", ["五六", "一两", "万万"])
def test_chinese_non_numerals_are_rejected(token: str) -> None:
    # 五六天 means "five or six days", not 56; such runs are not read as one value.
    assert parse_zh(token) is None


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("three", 3),
        ("twice", 2),
        ("twenty-four", 24),
        ("forty eight", 48),
        ("two hundred and fifty", 250),
        ("one thousand", 1000),
    ],
)
def test_english_words(token: str, value: int) -> None:
    assert parse_en(token) == value


def test_parse_any_dispatches_on_script() -> None:
    assert parse_any("48") == 48
    assert parse_any("四十八") == 48
    assert parse_any("forty-eight") == 48
    assert parse_any("") is None


def test_canonical_drops_trailing_zeros_but_keeps_value() -> None:
    assert str(canonical(Decimal("12000.0"))) == "12000"
    assert str(canonical(Decimal("0.50"))) == "0.5"


def test_colloquial_chinese_ranges() -> None:
    assert parse_zh_span("一两") == (Decimal(1), Decimal(2))
    assert parse_zh_span("三五") == (Decimal(3), Decimal(5))
    assert parse_zh_span("五三") is None
    assert parse_zh_span("十五") is None
