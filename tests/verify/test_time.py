from decimal import Decimal

import pytest

from service.verify._numbers import find_quantities
from service.verify._time import clock


def _times(text: str) -> list[tuple[str, int]]:
    return [(q.kind, int(q.value)) for q in find_quantities(text) if q.kind in ("time", "time12")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("请在今天18:00前回电", [("time", 18 * 60)]),
        ("before 6pm today", [("time", 18 * 60)]),
        ("by 6 p.m.", [("time", 18 * 60)]),
        ("at 9:30 am", [("time", 9 * 60 + 30)]),
        ("下午6点前", [("time", 18 * 60)]),
        ("晚上8点半", [("time", 20 * 60 + 30)]),
        ("上午10点30分", [("time", 10 * 60 + 30)]),
        ("中午12点", [("time", 12 * 60)]),
        ("晚上12点", [("time", 0)]),
        ("凌晨2点", [("time", 2 * 60)]),
        ("下午一点", [("time", 13 * 60)]),
        ("两点一刻", [("time12", 2 * 60 + 15)]),
        ("6点", [("time12", 6 * 60)]),
        ("at 6 o'clock", [("time12", 6 * 60)]),
        ("before noon", [("time", 12 * 60)]),
        ("9:00-17:00", [("time12", 9 * 60), ("time", 17 * 60)]),
    ],
)
def test_clock_times(text: str, expected: list[tuple[str, int]]) -> None:
    assert _times(text) == expected


@pytest.mark.parametrize("text", ["一点都不麻烦", "第二点需要说明", "第一时间为您处理", "稍微等一点时间"])
def test_not_times(text: str) -> None:
    assert _times(text) == []


def test_ambiguous_hour_matches_both_halves_of_the_day() -> None:
    six = find_quantities("6点")[0]
    assert six.matches(find_quantities("18:00")[0])
    assert six.matches(find_quantities("6:00 am")[0])
    assert not six.matches(find_quantities("17:00")[0])


def test_clock_rejects_impossible_values() -> None:
    assert clock(25, 0, None, "25:00") == []
    assert clock(10, 75, None, "10:75") == []
    assert clock(18, 0, None, "18:00")[0].value == Decimal(1080)
