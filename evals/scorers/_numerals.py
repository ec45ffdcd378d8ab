"""Numerals to values, written for the eval ruler (independent of the product's reader).

``value_of("1,200")`` 1200, ``value_of("1.5万")`` 15000, ``value_of("两")`` 2, ``value_of("二十四")`` 24,
``value_of("forty-eight")`` 48, ``value_of("two hundred and fifty")`` 250. ``None`` when the token is
not a numeral this module reads.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

ZH_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
ZH_SMALL = {"十": 10, "百": 100, "千": 1000}
ZH_LARGE = {"万": 10_000, "亿": 100_000_000}
ZH_CHARS = "".join([*ZH_DIGIT, *ZH_SMALL, *ZH_LARGE])

EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
EN_ORDINALS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "fifteenth": 15, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip

_WORD = "|".join(sorted([*EN_UNITS, *EN_SCALES], key=len, reverse=True))
# Regex sources for the quantity scanner.
ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)|\d+(?:\.\d+)?"
ARABIC_SCALED = rf"(?:{ARABIC})(?:\s?[万千亿]|[kK](?![A-Za-z]))?"
ZH_NUMERAL = rf"[{ZH_CHARS}]+"
EN_NUMERAL = rf"\b(?:{_WORD})(?:(?:-|\s+and\s+|\s+)(?:{_WORD}))*\b"
NUMERAL = rf"{ARABIC_SCALED}|{ZH_NUMERAL}|{EN_NUMERAL}"

_SCALE_SUFFIX = {"万": 10_000, "千": 1000, "亿": 100_000_000, "k": 1000, "K": 1000}


def tidy(value: Decimal) -> Decimal:
    """Equal values, one form: ``12000.0`` -> ``12000``, ``0.50`` -> ``0.5``."""
    return Decimal(int(value)) if value == value.to_integral_value() else value.normalize()


def arabic(token: str) -> Decimal | None:
    token = token.replace(" ", "")
    scale = 1
    if token and token[-1] in _SCALE_SUFFIX:
        scale, token = _SCALE_SUFFIX[token[-1]], token[:-1]
    try:
        return tidy(Decimal(token.replace(",", "")) * scale)
    except InvalidOperation:
        return None


def _below_10k(text: str) -> int | None:
    """三百零五 305, 十五 15, 两千 2000; ``None`` for 二三 (two digits in a row) or junk."""
    total, pending, any_char = 0, None, False
    for ch in text:
        if ch in ZH_DIGIT:
            if pending not in (None, 0) and ZH_DIGIT[ch] != 0:
                return None
            pending, any_char = ZH_DIGIT[ch], True
        elif ch in ZH_SMALL:
            total += (1 if pending is None else pending) * ZH_SMALL[ch]
            pending, any_char = None, True
        else:
            return None
    return total + (pending or 0) if any_char else None


def chinese(token: str) -> Decimal | None:
    if not token:
        return None
    if len(token) >= 4 and all(ch in "零〇一二三四五六七八九" for ch in token):
        return Decimal("".join(str(ZH_DIGIT[ch]) for ch in token))  # 二〇二四, read digit by digit
    total, rest = 0, token
    for mark in ("亿", "万"):
        if mark in rest:
            head, rest = rest.split(mark, 1)
            part = _below_10k(head) if head else 1
            if part is None or mark in rest:
                return None
            total += part * ZH_LARGE[mark]
    if rest:
        tail = _below_10k(rest)
        if tail is None:
            return None
        total += tail
    return Decimal(total)


def chinese_span(token: str) -> tuple[Decimal, Decimal] | None:
    """Colloquial ranges: 一两 (1-2), 两三 (2-3), 三五 (3-5)."""
    if len(token) != 2 or not all(ch in ZH_DIGIT for ch in token):
        return None
    low, high = ZH_DIGIT[token[0]], ZH_DIGIT[token[1]]
    return (Decimal(low), Decimal(high)) if 0 < low < high else None


def english(token: str) -> Decimal | None:
    total, current, seen = 0, 0, False
    for word in re.split(r"[\s-]+", token.casefold()):
        if not word or word == "and":
            continue
        if word in EN_UNITS:
            current += EN_UNITS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in EN_SCALES:
            total += (current or 1) * EN_SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return Decimal(total + current) if seen else None


def value_of(token: str) -> Decimal | None:
    token = token.strip()
    if not token:
        return None
    if token[0].isdigit():
        return arabic(token)
    if token[0] in ZH_CHARS:
        return chinese(token)
    return english(token)
