"""Numerals to values: Arabic (1,200 / 1.2万), Chinese (三百五十 / 两), English words (forty-eight)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from service.verify._text import EN_NUMBER_WORDS

ZH_DIGITS = "零〇一二两三四五六七八九"
ZH_NUMERAL_CHARS = ZH_DIGITS + "十百千万亿"
_ZH_DIGIT_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_ZH_SMALL_UNIT = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG_UNIT = {"万": 10_000, "亿": 100_000_000}
_MULTIPLIER = {"万": 10_000, "千": 1000, "百": 100, "亿": 100_000_000, "k": 1000, "K": 1000}

_EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

# Regex sources shared with the extractor.
ARABIC = r"\d+(?:,\d{3})+(?:\.\d+)?(?!\d|,\d)|\d+(?:\.\d+)?"
ARABIC_MULT = rf"(?:{ARABIC})(?:\s?[万千亿]|[kK](?![A-Za-z]))?"
ZH_NUMERAL = rf"[{ZH_NUMERAL_CHARS}]+"
_EN_WORD = "|".join(sorted([*EN_NUMBER_WORDS, *_EN_SCALES], key=len, reverse=True))
EN_NUMERAL = rf"\b(?:{_EN_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_EN_WORD}))*\b"
# Ordinals from "second" up ("the third day", "second time"); "first" is left out like "one".
_ORDINAL_WORDS = "second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
EN_ORDINALS = {word: i for i, word in enumerate(_ORDINAL_WORDS.split(), start=2)} | {
    "twentieth": 20,
    "thirtieth": 30,
}


def parse_arabic(token: str) -> Decimal | None:
    """``1,200`` -> 1200, ``1.2万`` -> 12000, ``5k`` -> 5000."""
    token = token.strip()
    mult = 1
    if token and token[-1] in _MULTIPLIER:
        mult = _MULTIPLIER[token[-1]]
        token = token[:-1].strip()
    try:
        return canonical(Decimal(token.replace(",", "")) * mult)
    except InvalidOperation:
        return None


def canonical(value: Decimal) -> Decimal:
    """``12000.0`` -> ``12000``; ``0.50`` -> ``0.5`` (equal values, tidy text)."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def _zh_section(text: str) -> int | None:
    """A Chinese numeral below 10,000: 三百零五, 十五, 两千."""
    total, digit, seen = 0, None, False
    for ch in text:
        if ch in _ZH_DIGIT_VALUE:
            if digit is not None and digit != 0 and _ZH_DIGIT_VALUE[ch] != 0:
                return None  # 二三 is not a numeral we read
            digit = _ZH_DIGIT_VALUE[ch]
            seen = True
        elif ch in _ZH_SMALL_UNIT:
            total += (digit if digit is not None else 1) * _ZH_SMALL_UNIT[ch]
            digit = None
            seen = True
        else:
            return None
    if not seen:
        return None
    return total + (digit or 0)


def parse_zh(text: str) -> Decimal | None:
    """Chinese numeral -> value; ``None`` when it is not a numeral (e.g. 一一, 千万 used as adverb)."""
    if not text:
        return None
    if len(text) >= 4 and all(c in "零〇一二三四五六七八九" for c in text):
        # Digit-by-digit reading (二〇二四) for years.
        return Decimal("".join(str(_ZH_DIGIT_VALUE[c]) for c in text))
    total = 0
    rest = text
    for big, value in sorted(_ZH_BIG_UNIT.items(), key=lambda kv: -kv[1]):
        if big in rest:
            head, rest = rest.split(big, 1)
            part = _zh_section(head) if head else 1
            if part is None or big in rest:
                return None
            total += part * value
    if rest:
        tail = _zh_section(rest)
        if tail is None:
            return None
        total += tail
    return Decimal(total)


def parse_zh_span(text: str) -> tuple[Decimal, Decimal] | None:
    """Colloquial Chinese ranges of two adjacent digits: 一两 (1-2), 两三 (2-3), 三五 (3-5)."""
    if len(text) != 2 or not all(c in _ZH_DIGIT_VALUE for c in text):
        return None
    low, high = _ZH_DIGIT_VALUE[text[0]], _ZH_DIGIT_VALUE[text[1]]
    return (Decimal(low), Decimal(high)) if 0 < low < high else None


def parse_en(text: str) -> Decimal | None:
    """English number words -> value: ``twenty-four`` 24, ``two hundred and fifty`` 250."""
    words = [w for w in re.split(r"[\s-]+", text.casefold()) if w and w != "and"]
    total, current, seen = 0, 0, False
    for word in words:
        if word in EN_NUMBER_WORDS:
            current += EN_NUMBER_WORDS[word]
            seen = True
        elif word == "hundred":
            current = (current or 1) * 100
            seen = True
        elif word in _EN_SCALES:
            total += (current or 1) * _EN_SCALES[word]
            current = 0
            seen = True
        else:
            return None
    return Decimal(total + current) if seen else None


def parse_any(token: str) -> Decimal | None:
    """Value of an Arabic, Chinese or English numeral token."""
    token = token.strip()
    if not token:
        return None
    if token[0].isdigit():
        return parse_arabic(token)
    if token[0] in ZH_NUMERAL_CHARS:
        return parse_zh(token)
    return parse_en(token)
