"""What a reply must not keep from a draft: pressure, threats, defences, blame, stalling, refusals, stock
phrases (``service/data/harm.yaml``, regular expressions per kind and language, compiled at start-up).

``find_harm(text, language)`` lists the hits as typed findings; the draft pass of the fast shape and
the ``draft_harm_removed`` check both read them. A brand profile adds its own banned and pressure phrases
for the length of one rewrite (:func:`extra_harm`, a context variable: the chain's concurrent steps see it,
other requests do not).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal

from service.datafiles import read_data
from service.errors import ConfigError
from service.schemas import Check, Language
from service.verify._detail import trimmed

HarmKind = Literal[
    "greeting", "stock", "stall", "pressure", "threat", "defence", "blame", "refusal", "stance", "done", "strip"
]  # fmt: skip
HARM_KINDS: Final[tuple[HarmKind, ...]] = (
    "greeting", "stock", "stall", "pressure", "threat", "defence", "blame", "refusal", "stance", "done", "strip",
)  # fmt: skip
"""``done``: an instruction to do something (restart, check, wait); it is dropped only when the customer
says they already did it (service/phrasing/_draft.py)."""
HARMFUL: Final[frozenset[str]] = frozenset({"stock", "stall", "pressure", "threat", "defence", "blame", "refusal"})
"""Kinds a reply must not contain (greetings and lead-ins are only tidied away)."""
STANCE: Final = "stance"
"""Broad markers of a draft holding its ground (我们这边调不了, 写得很明确, "is correct", "nothing we can
do"): the draft pass drops such a clause when the plan offers a way forward; never checked in a reply
(the same words can be plain information in a policy fact)."""

_FILE = "data/harm.yaml"


@dataclass(frozen=True)
class HarmHit:
    kind: HarmKind
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _patterns() -> dict[Language, tuple[tuple[HarmKind, re.Pattern[str]], ...]]:
    raw = read_data(_FILE)
    if not isinstance(raw, dict) or set(raw) != set(HARM_KINDS):
        raise ConfigError(f"{_FILE}: needs exactly the kinds {sorted(HARM_KINDS)}")
    out: dict[Language, list[tuple[HarmKind, re.Pattern[str]]]] = {"zh": [], "en": []}
    for kind in HARM_KINDS:
        entry = raw[kind]
        if not isinstance(entry, dict) or set(entry) - {"zh", "en"}:
            raise ConfigError(f"{_FILE}: '{kind}' must map zh/en to lists of patterns")
        for lang in ("zh", "en"):
            for pattern in entry.get(lang) or []:
                try:
                    out[lang].append((kind, re.compile(pattern, re.IGNORECASE)))
                except re.error as exc:
                    raise ConfigError(f"{_FILE}: {kind}/{lang}: bad pattern {pattern!r}: {exc}") from exc
    return {lang: tuple(items) for lang, items in out.items()}


_Patterns = tuple[tuple[HarmKind, re.Pattern[str]], ...]
_EXTRA: ContextVar[_Patterns] = ContextVar("tactful_extra_harm", default=())


@contextmanager
def extra_harm(phrases: Iterable[tuple[HarmKind, str]]) -> Iterator[None]:
    """While inside, ``find_harm`` also finds these literal phrases (any language, case-insensitive)."""
    token = _EXTRA.set(tuple((kind, re.compile(re.escape(text), re.IGNORECASE)) for kind, text in phrases))
    try:
        yield
    finally:
        _EXTRA.reset(token)


def load_harm() -> None:
    """Compile the patterns now (start-up), so a bad file fails fast."""
    _patterns()


def find_harm(text: str, language: Language, kinds: frozenset[str] | None = None) -> list[HarmHit]:
    """Hits in ``text`` (both languages' patterns apply to mixed text), sorted by position."""
    langs: tuple[Language, ...] = (language,) if language == "en" else ("zh", "en")
    patterns = [*(p for lang in langs for p in _patterns()[lang]), *_EXTRA.get()]
    hits = [
        HarmHit(kind, m.start(), m.end(), m.group())
        for kind, pattern in patterns
        if kinds is None or kind in kinds
        for m in pattern.finditer(text)
        if m.end() > m.start()
    ]
    return sorted(hits, key=lambda h: (h.start, -h.end))


def harmful_phrases(text: str, language: Language) -> list[HarmHit]:
    """The hits a reply must not contain."""
    return find_harm(text, language, HARMFUL)


def draft_harm_removed(reply: str, language: Language) -> Check:
    """Check ``draft_harm_removed``: no pressure, defence, blame, stalling, refusal or stock phrase in the
    reply (a threat's consequence may stay as information: that is ``threat``, not checked here)."""
    name = "draft_harm_removed"
    hits = find_harm(reply, language, HARMFUL - {"threat"})
    if hits:
        return Check(
            name=name,
            passed=False,
            detail="harmful wording in the reply: " + ", ".join(f"{h.kind} «{h.text}»" for h in hits),
            findings=[trimmed(h.kind, h.text, h.start) for h in hits],
        )
    return Check(name=name, passed=True, detail="no pressure, defence, blame, stalling or stock phrase")
