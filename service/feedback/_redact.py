"""Mask personal data in exported feedback: emails, phone numbers, card numbers and ID numbers.

Chinese and English formats: e-mail addresses; mainland mobile (``138 1234 5678``, ``+86-13812345678``)
and landline (``010-12345678``) numbers, international ``+44 20 7946 0958`` and North-American
``(555) 123-4567`` numbers; payment cards (13-19 digits, grouped or not, Luhn-checked, or grouped 4-4-4-4);
mainland resident ID numbers (18 characters with a plausible birth date), US SSNs and passport numbers.
Each is replaced by a tag (``[email]``, ``[phone]``, ``[card]``, ``[id]``), so the same text always masks
the same way and a detail quoted from the customer still matches the masked customer message.
"""

from __future__ import annotations

import re
from collections.abc import Callable

EMAIL = "[email]"
PHONE = "[phone]"
CARD = "[card]"
ID_NUMBER = "[id]"

_NOT_DIGIT_BEFORE = r"(?<![0-9A-Za-z])"
_NOT_DIGIT_AFTER = r"(?![0-9A-Za-z])"

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_CN_ID = re.compile(
    _NOT_DIGIT_BEFORE
    + r"[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx]"
    + _NOT_DIGIT_AFTER
)
_SSN = re.compile(_NOT_DIGIT_BEFORE + r"\d{3}-\d{2}-\d{4}" + _NOT_DIGIT_AFTER)
_PASSPORT = re.compile(r"(?<![0-9A-Za-z])[EGDSP][0-9]{8}(?![0-9A-Za-z])")
_CARD = re.compile(_NOT_DIGIT_BEFORE + r"\d(?:[ -]?\d){12,18}" + _NOT_DIGIT_AFTER)
_GROUPED_CARD = re.compile(_NOT_DIGIT_BEFORE + r"\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?" + _NOT_DIGIT_AFTER)
_PHONES = [
    re.compile(_NOT_DIGIT_BEFORE + r"(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}" + _NOT_DIGIT_AFTER),
    re.compile(_NOT_DIGIT_BEFORE + r"0\d{2,3}-\d{7,8}" + _NOT_DIGIT_AFTER),
    re.compile(r"\+\d{1,3}[ .-]?\(?\d{1,4}\)?(?:[ .-]?\d{2,4}){2,4}" + _NOT_DIGIT_AFTER),
    re.compile(r"(?<![0-9A-Za-z(])\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}" + _NOT_DIGIT_AFTER),
]


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _card(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return CARD if 13 <= len(digits) <= 19 and luhn_ok(digits) else match.group(0)


_STEPS: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (_EMAIL, EMAIL),
    (_CN_ID, ID_NUMBER),
    (_GROUPED_CARD, CARD),
    (_PHONES[0], PHONE),  # mainland mobiles and +-prefixed numbers before the card test sees their digits
    (_PHONES[2], PHONE),
    (_CARD, _card),
    (_SSN, ID_NUMBER),
    (_PASSPORT, ID_NUMBER),
    (_PHONES[1], PHONE),
    (_PHONES[3], PHONE),
]


def redact(text: str) -> str:
    """``text`` with personal data replaced by tags; idempotent (masked text masks to itself)."""
    for pattern, replacement in _STEPS:
        text = pattern.sub(replacement, text)
    return text
