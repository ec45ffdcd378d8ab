"""Split text into clauses and sentences, and join them back, in Chinese and English.

Commas inside numbers (``12,680``) and decimal points (``£6.50``) never split; an English
comma splits only when a clause of a few words stands on each side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from service.schemas import Language

_ZH_BREAK = re.compile(r"(?<=[，。！？；;！？\n])")
_SENTENCE_BREAK = re.compile(
    r"(?<=[。！？!?；;\n])"
    # a full stop ends a sentence, not a title or an abbreviation ("Dr. Okafor", "Est. of $410")
    r"|(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bSt\.)(?<!\bNo\.)(?<!\bMrs\.)(?<!\bEst\.)(?<!\bapprox\.)"
    r"(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)(?<=[.!?])(?=\s)"
    r"|(?<=[.!?][\"”’)])(?=\s)"
)
_EN_COMMA = re.compile(r"(?<=(?<!\d),)(?=\s)")
_END = "。！？.!?"
_SOFT_END = "，,；;、：:"


@dataclass(frozen=True)
class Clause:
    text: str
    start: int
    end: int


def _spans(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    cuts = sorted({0, *(m.start() for m in pattern.finditer(text)), len(text)})
    return [(a, b) for a, b in pairwise(cuts) if text[a:b].strip()]


def sentences(text: str) -> list[str]:
    """Sentences, each with its end mark; line breaks end a sentence too."""
    return [text[a:b].strip() for a, b in _spans(text, _SENTENCE_BREAK)]


def clauses(text: str) -> list[Clause]:
    """Clauses: sentences cut again at Chinese commas and at English commas between real clauses."""
    out: list[Clause] = []
    for a, b in _spans(text, _SENTENCE_BREAK):
        sentence = text[a:b]
        pieces = _spans(sentence, _ZH_BREAK)
        refined: list[tuple[int, int]] = []
        for pa, pb in pieces:
            piece = sentence[pa:pb]
            sub = _spans(piece, _EN_COMMA) if "," in piece else [(0, len(piece))]
            if len(sub) > 1 and all(len(piece[x:y].split()) >= 3 for x, y in sub):
                refined.extend((pa + x, pa + y) for x, y in sub)
            else:
                refined.append((pa, pb))
        for pa, pb in refined:
            raw = sentence[pa:pb]
            lead = len(raw) - len(raw.lstrip())
            out.append(Clause(raw.strip(), a + pa + lead, a + pa + lead + len(raw.strip())))
    return out


def end_with(text: str, language: Language, mark: str | None = None) -> str:
    """``text`` with a sentence end mark (its own soft mark replaced)."""
    text = text.strip().rstrip(_SOFT_END).strip()
    if not text:
        return ""
    if text[-1] in _END or (text[-1] in "）)”\"'’" and len(text) > 1 and text[-2] in _END):
        return text
    return text + (mark or ("。" if language == "zh" else "."))


def strip_end(text: str) -> str:
    return text.strip().rstrip(_END + _SOFT_END).strip()


def join_sentences(parts: list[str], language: Language) -> str:
    """Sentences joined as prose: no space between Chinese sentences, one between English ones."""
    kept = [end_with(p, language) for p in parts if p and p.strip()]
    return ("" if language == "zh" else " ").join(kept)


def join_clauses(parts: list[str], language: Language) -> str:
    """Clauses glued into one sentence with commas (their own end marks dropped)."""
    kept = [strip_end(p) for p in parts if p and strip_end(p)]
    return ("，" if language == "zh" else ", ").join(kept)


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


_PROPER = re.compile(
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July"
    r"|August|September|October|November|December|Christmas|Easter|English|British|American|Dr|Mr|Mrs|Ms)\b"
)


def decapitalize(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym or ``I``."""
    if not text or not text[0].isupper():
        return text
    first = text.split(" ", 1)[0].rstrip(",;:")
    if first == "I" or first.startswith("I'") or (len(first) > 1 and first[1].isupper()):
        return text
    if _PROPER.match(first):  # "Tuesday's box", "March", "Christmas"
        return text
    return text[0].lower() + text[1:]
