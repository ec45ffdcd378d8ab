"""Generic phrases ("sorry for any inconvenience", 给您带来不便), listed in service/data/platitudes.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from service.datafiles import read_data
from service.errors import ConfigError
from service.verify._text import normalize

_DATA_FILE = "data/platitudes.yaml"
_TOKEN = re.compile(r"\[([^\]]+)\]|([^\[\s]+)")
_ZH_PARTICLES = "的了之"
_ZH_FILLER = r"[\s\W_的了之]{0,2}"
# A contraction may stand for "<word> are" etc.: "we're" matches "we are".
_CONTRACTED = {"are": "'re", "am": "'m", "is": "'s", "will": "'ll", "have": "'ve", "would": "'d"}


@dataclass(frozen=True)
class Platitudes:
    en: tuple[str, ...]
    zh: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]


def _en_pattern(phrase: str) -> str:
    parts: list[str] = []
    for i, m in enumerate(_TOKEN.finditer(phrase.casefold())):
        optional, word = m.group(1) is not None, (m.group(1) or m.group(2))
        piece = re.escape(word)
        if i:
            sep = r"[^\w']+"
            if word in _CONTRACTED:
                piece = rf"(?:{sep}{piece}|{re.escape(_CONTRACTED[word])})"
            else:
                piece = sep + piece
        parts.append(f"(?:{piece})?" if optional else piece)
    return r"\b" + "".join(parts) + r"\b"


def _zh_char(ch: str) -> str:
    return "[您你]" if ch in "您你" else re.escape(ch)


def _zh_pattern(phrase: str) -> str:
    elements: list[tuple[str, bool]] = []
    for m in _TOKEN.finditer(phrase):
        optional = m.group(1) is not None
        chunk = m.group(1) or m.group(2)
        elements.extend((ch, optional or ch in _ZH_PARTICLES) for ch in chunk if ch.isalnum())
    pieces: list[str] = []
    for i, (ch, optional) in enumerate(elements):
        piece = _zh_char(ch) + ("" if i == len(elements) - 1 else _ZH_FILLER)
        pieces.append(f"(?:{piece})?" if optional else piece)
    return "".join(pieces)


def _phrases(raw: object, key: str) -> tuple[str, ...]:
    items = raw.get(key) if isinstance(raw, dict) else None
    if not isinstance(items, list) or not all(isinstance(p, str) and p.strip() for p in items):
        raise ConfigError(f"{_DATA_FILE}: '{key}' must be a list of non-empty phrases")
    return tuple(p.strip() for p in items)


@lru_cache(maxsize=1)
def load_platitudes() -> Platitudes:
    """Read and compile the phrase list once; a malformed file raises ConfigError."""
    raw = read_data(_DATA_FILE)
    en, zh = _phrases(raw, "en"), _phrases(raw, "zh")
    patterns = [re.compile(_en_pattern(p), re.IGNORECASE) for p in en]
    patterns += [re.compile(_zh_pattern(p)) for p in zh]
    return Platitudes(en=en, zh=zh, patterns=tuple(patterns))


def platitude_spans(text: str) -> list[tuple[int, int]]:
    """Spans of generic phrases in ``normalize(text)``; overlapping matches are merged."""
    norm = normalize(text)
    spans = sorted(m.span() for pattern in load_platitudes().patterns for m in pattern.finditer(norm))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def find_platitudes(text: str) -> list[str]:
    """The generic phrases ``text`` contains, as written there (normalised), in order."""
    norm = normalize(text)
    return [norm[s:e] for s, e in platitude_spans(text)]


def strip_platitudes(text: str) -> str:
    """``text`` (normalised) with its generic phrases blanked out."""
    norm = normalize(text)
    for start, end in reversed(platitude_spans(text)):
        norm = norm[:start] + " " + norm[end:]
    return norm
