"""What one text states, computed once and shared: its quantities, the injected tail, its language.

The checks, the deterministic repairs and the phrasing layer ask :func:`text_facts` for a text
instead of scanning it again: within a request the draft, the customer message, each turn and
policy fact and every candidate reply are read once (an LRU of recent texts; the facts are
immutable, so sharing them is safe across requests and threads).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from service.language import detect_language
from service.schemas import Language
from service.verify._injection import strip_injected
from service.verify._numbers import find_quantities
from service.verify._quantity import Quantity

_CACHED_TEXTS = 4096


@dataclass(frozen=True, eq=False)
class TextFacts:
    """The facts of ``text``; each is computed on first use."""

    text: str

    @cached_property
    def quantities(self) -> tuple[Quantity, ...]:
        """Every quantity stated, in order of appearance (see :func:`find_quantities`)."""
        return tuple(find_quantities(self.text))

    @cached_property
    def clean(self) -> str:
        """The text up to the sentence where an injected instruction starts (all of it if none)."""
        return strip_injected(self.text)

    @property
    def injected(self) -> str:
        """What follows an injected instruction: the attacker's script ("" if none)."""
        return self.text[len(self.clean) :]

    @cached_property
    def language(self) -> Language:
        return detect_language(self.text)


@lru_cache(maxsize=_CACHED_TEXTS)
def text_facts(text: str) -> TextFacts:
    return TextFacts(text)


def quantities_of(texts: Iterable[str]) -> list[Quantity]:
    """The quantities of all ``texts``, in order: a pool to support claims from."""
    return [q for text in texts for q in text_facts(text).quantities]


def injected_parts(texts: Iterable[str]) -> str:
    """What follows an injected instruction in each text, joined: the attacker's script."""
    return "\n".join(facts.injected for facts in map(text_facts, texts) if facts.injected)
