"""Which language a text is in: Chinese or English (the two Tactful serves).

The one place language is decided: :func:`request_language` for a request (its locale, else the
customer message), :func:`detect_language` for any text (``service.verify.text_facts`` caches it)."""

from __future__ import annotations

import re

from service.schemas import Language, RewriteRequest

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> Language:
    """``zh`` when Chinese characters make up a fair share of the letters, else ``en``."""
    cjk = len(_CJK.findall(text))
    latin_words = len(re.findall(r"[A-Za-z]+", text))
    if cjk == 0:
        return "en"
    return "zh" if cjk >= latin_words * 0.5 else "en"


def request_language(request: RewriteRequest) -> Language:
    """The language to answer in: the request's locale, else the customer message's language."""
    return request.locale or detect_language(request.customer_message)


def cjk_ratio(text: str) -> float:
    letters = len(_CJK.findall(text)) + len(_LATIN.findall(text))
    return len(_CJK.findall(text)) / letters if letters else 0.0
