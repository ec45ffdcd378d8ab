"""Findings and how a check's detail shows them: offending items are quoted «like this».

Checks return their findings typed (:class:`service.schemas.Finding`); the detail is only the
human-readable summary, rendered from those findings' values here. Nothing parses a detail back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from service.schemas import Check, Finding


def quote(item: object) -> str:
    return "«" + str(item).replace("«", '"').replace("»", '"') + "»"


def items(values: Iterable[object]) -> str:
    """``«a», «b»`` without duplicates, in order."""
    return ", ".join(quote(v) for v in dict.fromkeys(str(v) for v in values))


def found_at(
    kind: str,
    m: re.Match[str],
    *,
    where: str = "reply",
    source: str | None = None,
    group: int | str = 0,
    offset: int = 0,
) -> Finding:
    """A finding for regular-expression match ``m`` (its ``group``), the span tight around the stripped
    text; ``offset`` is where the matched string starts in the field (for a match in a stripped copy)."""
    return trimmed(kind, m.group(group), offset + m.start(group), where=where, source=source)


def trimmed(kind: str, raw: str, start: int, *, where: str = "reply", source: str | None = None) -> Finding:
    """A finding for the run ``raw`` that starts at ``start``: stripped, its span tight around the text."""
    text = raw.strip()
    begin = start + len(raw) - len(raw.lstrip())
    return Finding(kind=kind, text=text, where=where, source=source, span=(begin, begin + len(text)))


def located(kind: str, text: str, within: str, *, where: str = "reply", source: str | None = None) -> Finding:
    """A finding for ``text``, with the span of its first occurrence in ``within`` when it is there."""
    at = within.find(text) if text else -1
    span = (at, at + len(text)) if at >= 0 else None
    return Finding(kind=kind, text=text, where=where, source=source, span=span)


def _value(f: Finding) -> str:
    return f.text


def verdict(
    name: str,
    found: list[Finding],
    *,
    failed: str,
    passed: str,
    hard: bool = False,
    show: Callable[[Finding], str] = _value,
) -> Check:
    """The result of a check that fails when it found anything: ``failed`` then the findings quoted
    (``show`` says how one is named), or ``passed``."""
    if found:
        detail = failed + items(show(f) for f in found)
        return Check(name=name, passed=False, hard=hard, detail=detail, findings=found)
    return Check(name=name, passed=True, hard=hard, detail=passed)


def kind_and_text(f: Finding) -> str:
    return f"{f.kind} {f.text}"
