"""Reading a reply as text: sentences, greeting, sign-off, closing line, script, copied spans.

Shared by the voice, seams, plan and hard-failure scorers; Chinese and English alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SENTENCE_END = re.compile(r"(?<=[。！？!?；\n])|(?<=[.;])(?=\s)|(?<=[.;][\"”’'])(?=\s)")
_GREETING = re.compile(
    r"^\s*(?:(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening))\b[^,.!\n]{0,40}[,.!]?"
    r"|[\u4e00-\u9fff]{0,6}(?:先生|女士|小姐|大爷|阿姨|老师)?(?:您好|你好)[，,！!。]?"
    r"|(?:尊敬的)[^，,\n]{1,12}[，,：:]?)\s*$",
    re.IGNORECASE,
)
GREETING_AT_START = re.compile(
    r"^\s*(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening))\b[^,.!\n]{0,40}[,.!]"
    r"|^\s*[^\s，,。！!？?]{0,8}(?:您好|你好)[，,！!。]?",
    re.IGNORECASE,
)
SIGN_OFF = re.compile(
    r"^\s*(?:(?:with\s+)?(?:best|kind|warm|warmest)?\s*regards|best(?:\s+wishes)?|yours\s+(?:sincerely|faithfully|truly)"
    r"|sincerely|many\s+thanks|thanks|thank\s+you|cheers|all\s+the\s+best|take\s+care"
    r"|此致|敬礼|祝好|顺祝[^\n]{0,6}|祝您[^\n]{0,8}|谢谢)[,，!！.。]?\s*$",
    re.IGNORECASE,
)
_PUNCT = re.compile(r"[\s\"'“”‘’「」『』《》〈〉()（）\[\]【】,，.。!！?？;；:：、~～—–\-…·]+")
FIRST_PERSON_EN = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|mine|myself)\b", re.IGNORECASE)
FIRST_PERSON_ZH = re.compile(r"我(?!们)")


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def squash(text: str) -> str:
    """Lower case, no whitespace or punctuation: the form copies and repeats are compared in."""
    return _PUNCT.sub("", nfkc(text).casefold())


def is_chinese(text: str) -> bool:
    """Chinese when CJK characters make up at least a third of the letters."""
    cjk = len(CJK.findall(text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return cjk > 0 and cjk * 3 >= (cjk + latin / 4)


def sentences(text: str) -> list[str]:
    """Sentences and lines of ``text`` in order, stripped, empty ones dropped."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def is_greeting(sentence: str) -> bool:
    return bool(_GREETING.match(sentence))


def strip_greeting(sentence: str) -> str:
    """``sentence`` without a leading greeting ("Hi Tom, ..." / "陈女士您好，...")."""
    m = GREETING_AT_START.match(sentence)
    return sentence[m.end() :].strip() if m else sentence


def body_lines(reply: str, names: Iterable[str] = ()) -> list[str]:
    """The reply's lines without a trailing sign-off block (sign-off words, signature, names)."""
    lines = [line.strip() for line in reply.strip().splitlines()]
    given = {squash(n) for n in names if n and squash(n)}
    while lines and (not lines[-1] or SIGN_OFF.match(lines[-1]) or _is_signature(lines[-1], given)):
        lines.pop()
    return lines


def _is_signature(line: str, given: set[str]) -> bool:
    """A name or signature line: a given name, "——客服小林", "Jamie, Customer Care", "Alex"."""
    key = squash(line)
    if not key or key in given:
        return True
    if re.search(r"[。！？!?.…:：]$", line) or len(line) > 40:
        return False
    if re.match(r"^\s*[—–-]{1,2}", line):
        return True
    if CJK.search(line):
        return len(key) <= 8
    return len(line.split()) <= 5 and line[:1].isupper()


def opening_sentences(reply: str, count: int = 2) -> list[str]:
    """The first ``count`` sentences after the greeting (a greeting glued to a sentence is cut off)."""
    out: list[str] = []
    for s in sentences(reply):
        if is_greeting(s):
            continue
        rest = strip_greeting(s)
        if rest:
            out.append(rest)
        if len(out) >= count:
            break
    return out


def closing_sentence(reply: str, names: Iterable[str] = ()) -> str:
    """The last sentence of the reply before its sign-off and signature."""
    body = "\n".join(body_lines(reply, names))
    parts = [s for s in sentences(body) if not is_greeting(s)]
    return parts[-1] if parts else ""


def longest_copy(text: str, source: str) -> str:
    """The longest span of ``text`` that occurs verbatim in ``source`` (compared squashed), squashed."""
    a, b = squash(text), squash(source)
    if not a or not b:
        return ""
    best_end, best_len = 0, 0
    previous = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        current = [0] * (len(b) + 1)
        ai = a[i - 1]
        for j in range(1, len(b) + 1):
            if ai == b[j - 1]:
                current[j] = previous[j - 1] + 1
                if current[j] > best_len:
                    best_len, best_end = current[j], i
        previous = current
    return a[best_end - best_len : best_end]


def copied_words(text: str, source: str) -> list[str]:
    """The longest run of words of ``text`` that occurs in ``source`` (English), as words."""
    words = re.findall(r"[a-z0-9']+", nfkc(text).casefold())
    target = " " + " ".join(re.findall(r"[a-z0-9']+", nfkc(source).casefold())) + " "
    best: list[str] = []
    for i in range(len(words)):
        for j in range(len(words), i + len(best), -1):
            if f" {' '.join(words[i:j])} " in target:
                best = words[i:j]
                break
    return best


def short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
