"""A quantity found in text, and when two quantities say the same thing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Kind = Literal[
    "number", "count", "money", "percent", "duration", "time", "time12", "date", "weekday", "relday", "id"
]

NUMERIC_KINDS: frozenset[str] = frozenset({"number", "count", "money", "percent", "duration"})


@dataclass(frozen=True)
class Quantity:
    """One normalised quantity.

    ``value`` by kind:

    - number / count / money / percent / duration: the numeric value (``¥1,200`` -> 1200,
      ``三天`` -> 3, ``两次`` -> 2). A bare number (no unit, or a year) is ``number``.
    - time: minutes after midnight, when the period is known (``18:00``, ``下午6点``, ``6pm`` -> 1080).
    - time12: minutes modulo 12 hours, when it is not (``6点``, ``6:00`` -> 360).
    - date: ``month * 100 + day``; month 0 when only the day is given (``5号``).
    - weekday: 1 (Monday) .. 7 (Sunday). relday: days from today (今天 0, tomorrow 1, 昨天 -1).
    - id: an identifier or phone number, upper-cased, separators removed.

    ``text`` (the surface form) and ``unit`` are informative and do not take part in equality.
    """

    kind: Kind
    value: Decimal | str
    text: str = field(default="", compare=False)
    unit: str = field(default="", compare=False)

    def matches(self, other: Quantity) -> bool:
        """Whether ``other`` states the same value.

        Numeric quantities compare by value when their kinds agree or one is a bare number:
        ``3 working days`` matches ``1-3个工作日`` and ``3``, but not ``3次`` (a count).
        """
        a, b = self, other
        if a.kind in NUMERIC_KINDS and b.kind in NUMERIC_KINDS:
            return a.value == b.value and (a.kind == b.kind or "number" in (a.kind, b.kind))
        if a.kind in ("time", "time12") and b.kind in ("time", "time12"):
            if a.kind == b.kind:
                return a.value == b.value
            return _decimal(a.value) % 720 == _decimal(b.value) % 720
        if "date" in (a.kind, b.kind):
            return _date_matches(a, b)
        return a.kind == b.kind and a.value == b.value

    def describe(self) -> str:
        return f"{self.text or self.value} ({self.kind} {self.value})"


def _decimal(value: Decimal | str) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(value)


def _date_matches(a: Quantity, b: Quantity) -> bool:
    if a.kind != "date":
        a, b = b, a
    month, day = divmod(int(_decimal(a.value)), 100)
    if b.kind == "date":
        b_month, b_day = divmod(int(_decimal(b.value)), 100)
        return day == b_day and (month == b_month or 0 in (month, b_month))
    # A bare day (5号) also matches the number 5 (5日内, "the 5th").
    return month == 0 and b.kind in NUMERIC_KINDS and b.value == day


def is_supported(quantity: Quantity, pool: Iterable[Quantity]) -> bool:
    return any(quantity.matches(other) for other in pool)


def unsupported(claims: Iterable[Quantity], pool: Iterable[Quantity]) -> list[Quantity]:
    """The ``claims`` no quantity of ``pool`` supports, in a stable order."""
    sources = list(pool)
    return [q for q in claims if not is_supported(q, sources)]
