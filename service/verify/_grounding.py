"""Is a detail grounded in a text? Chinese by bigrams, English by content words, numbers by value."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from service.verify._quantity import Quantity, is_supported
from service.verify._text import compact, has_cjk, units
from service.verify._textfacts import text_facts

MIN_OVERLAP = 0.5
"""Share of a detail's content units (bigrams / words / quantities) a text must contain."""
MIN_SPECIFIC_UNITS = 2
"""A detail without a number needs this many content units to count as a specific."""
MIN_SHARED_ZH = 3
MIN_SHARED_EN = 2
"""Without declared details: shared bigrams / content words that make empathy specific."""


@dataclass(frozen=True)
class _Profile:
    units: frozenset[str]
    quantities: tuple[Quantity, ...]

    @property
    def size(self) -> int:
        return len(self.units) + len(self.quantities)


def _profile(text: str, *, chinese: bool) -> _Profile:
    quantities = text_facts(text).quantities
    found = units(text, chinese=chinese)
    if quantities:  # numbers are compared by value, not as tokens
        found = {u for u in found if not any(ch.isdigit() for ch in u)}
    return _Profile(frozenset(found), quantities)


@lru_cache(maxsize=256)
def _source(text: str, chinese: bool) -> tuple[frozenset[str], tuple[Quantity, ...]]:
    """Units and quantities of one source text (sources are read once per reply, details many times)."""
    return frozenset(units(text, chinese=chinese)), text_facts(text).quantities


def _pool(sources: Sequence[str], *, chinese: bool) -> tuple[set[str], list[Quantity]]:
    pool_units: set[str] = set()
    pool_quantities: list[Quantity] = []
    for source in sources:
        source_units, source_quantities = _source(source, chinese)
        pool_units |= source_units
        pool_quantities += source_quantities
    return pool_units, pool_quantities


def overlap(detail: str, sources: Sequence[str]) -> float:
    """Share (0..1) of ``detail``'s content units and quantities found in ``sources``.

    A number the sources contradict (the detail says three times, the customer twice) makes it 0.
    """
    chinese = has_cjk(detail)
    profile = _profile(detail, chinese=chinese)
    if not profile.size:
        return 0.0
    pool_units, pool_quantities = _pool(sources, chinese=chinese)
    numbers = sum(is_supported(q, pool_quantities) for q in profile.quantities)
    if numbers < len(profile.quantities):
        return 0.0
    return (len(profile.units & pool_units) + numbers) / profile.size


def is_grounded(detail: str, sources: Sequence[str], *, min_overlap: float = MIN_OVERLAP) -> bool:
    key = compact(detail)
    if not key:
        return False
    if any(key in compact(source) for source in sources):
        return True
    return overlap(detail, sources) >= min_overlap


def grounded_details(
    details: Iterable[str], sources: Iterable[str], *, min_overlap: float = MIN_OVERLAP
) -> list[str]:
    """The ``details`` that appear in ``sources`` or share enough content with them.

    Content is compared as character bigrams for Chinese, stopword-free word stems for
    English and normalised values for numbers ("两次" is grounded in "contacted you 2 times").
    """
    texts = [s for s in sources if s and s.strip()]
    return [d for d in details if d.strip() and is_grounded(d, texts, min_overlap=min_overlap)]


def is_specific(detail: str) -> bool:
    """A number, or at least :data:`MIN_SPECIFIC_UNITS` content units ("refund" alone is a topic)."""
    profile = _profile(detail, chinese=has_cjk(detail))
    return bool(profile.quantities) or len(profile.units) >= MIN_SPECIFIC_UNITS


def shared_specifics(text: str, sources: Sequence[str]) -> list[str]:
    """What ``text`` shares with ``sources`` when that is specific: numbers by value, else enough
    content words / bigrams. Empty when the overlap is only a topic word or two."""
    chinese = has_cjk(text)
    pool_units, pool_quantities = _pool(sources, chinese=chinese)
    numbers = [q.text for q in text_facts(text).quantities if is_supported(q, pool_quantities)]
    if numbers:
        return list(dict.fromkeys(numbers))
    shared = sorted(units(text, chinese=chinese) & pool_units)
    needed = MIN_SHARED_ZH if chinese else MIN_SHARED_EN
    return shared if len(shared) >= needed else []
