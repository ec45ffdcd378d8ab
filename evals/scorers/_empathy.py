"""Empathy specificity: the empathy names one of the customer's own details and no platitude.

The text judged is the response's empathy sentence when there is one, plus the reply's
first two sentences (what the customer reads first). Platitudes are looked for in the
whole reply and the empathy, with the stock-phrase family of ``draft_harm_removed``.
"""

from __future__ import annotations

import re

from evals._dataset import GoldenCase
from evals._text import found_phrases, show
from evals._types import Score
from evals.scorers._harm import stock_phrases
from service.schemas import RewriteResponse

NAME = "empathy_specificity"

_SENTENCE = re.compile(r"(?<=[。！？!?\n])|(?<=[.])\s+")


def sentences(text: str) -> list[str]:
    """Non-empty sentences (and lines) of ``text``, in order."""
    return [p.strip() for p in _SENTENCE.split(text) if p.strip()]


def opening(reply: str, count: int = 2) -> str:
    """The first ``count`` sentences of ``reply`` (a greeting line counts as one)."""
    return " ".join(sentences(reply)[:count])


def empathy_text(response: RewriteResponse) -> str:
    given = response.empathy.text if response.empathy else ""
    return f"{given} {opening(response.reply)}".strip()


def empathy_specificity(case: GoldenCase, response: RewriteResponse) -> Score:
    text = empathy_text(response)
    hits, _ = found_phrases(case.details, text)
    platitudes = stock_phrases(response.reply)
    if response.empathy:
        platitudes += stock_phrases(response.empathy.text)
    specific = bool(hits)
    clean = not platitudes
    parts = [
        f"names {', '.join(repr(show(h)) for h in hits)}"
        if hits
        else f"names none of the customer's details ({', '.join(repr(show(d)) for d in case.details)})",
        f"platitudes: {', '.join(repr(p) for p in dict.fromkeys(platitudes))}" if platitudes else "no platitude",
    ]
    return Score(
        name=NAME,
        value=(float(specific) + float(clean)) / 2,
        passed=specific and clean,
        explanation="; ".join(parts),
    )
