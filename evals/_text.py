"""Matching a case's phrases in free text, the same way for Chinese and English.

A *phrase* is a tuple of alternatives (``("两次", "2次")``); it is found when any
alternative occurs in the text after both are normalised: NFKC (full-width to
half-width), lower case, whitespace and most punctuation removed. Removing the
spaces makes ``"3 pm"`` match ``"3pm"`` and lets Chinese be matched as is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

Phrase = tuple[str, ...]

_DROP = re.compile(r"[\s\"'“”‘’「」『』《》〈〉()（）\[\]【】,，.。!！?？;；:：、~～—–-]+")


def normalise(text: str) -> str:
    """The form phrases are compared in: NFKC, lower case, no spaces or punctuation."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text).lower())


def find_phrase(phrase: Sequence[str], text: str) -> str | None:
    """The first alternative of ``phrase`` that occurs in ``text``, or ``None``."""
    haystack = normalise(text)
    for alternative in phrase:
        needle = normalise(alternative)
        if needle and needle in haystack:
            return alternative
    return None


def found_phrases(phrases: Iterable[Phrase], text: str) -> tuple[list[Phrase], list[Phrase]]:
    """Split ``phrases`` into those found in ``text`` and those missing."""
    hits: list[Phrase] = []
    misses: list[Phrase] = []
    for phrase in phrases:
        (hits if find_phrase(phrase, text) is not None else misses).append(phrase)
    return hits, misses


def show(phrase: Phrase) -> str:
    """A phrase for humans: its alternatives joined by ``|``."""
    return "|".join(phrase)
