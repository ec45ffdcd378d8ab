"""Check ``seams``: clean text. No broken punctuation (！， 。。), no sentence in the other language,
no doubled greeting or signature, no list number glued to its text, no sentence said twice."""

from __future__ import annotations

import re

from service.schemas import Check, Finding, Language
from service.verify._detail import found_at, kind_and_text, verdict

NAME = "seams"
_PUNCT = re.compile(
    r"[！？。!?][，,；;、]|[，,；;、][。！？!?]|。。|，，|,,|\.\.(?!\.)|[，,]\s*$|：[，。]|\s+[，。！？]"
)
_GLUED = re.compile(r"(?m)^\s*\d{1,2}[.、](?=[^\s\d])")
_ZH_GREETING = re.compile(r"您好|你好")
_EN_SENTENCE = re.compile(r"(?:^|[。！？\n])\s*([A-Za-z][A-Za-z ,'’-]{20,}[.!?])")
_ZH_SENTENCE = re.compile(r"[\u4e00-\u9fff]{6,}")


def seams(reply: str, language: Language) -> Check:
    found: list[Finding] = [found_at("punctuation", m) for m in _PUNCT.finditer(reply)]
    found += [found_at("glued_number", m) for m in _GLUED.finditer(reply)]
    if language == "zh":
        found += [found_at("other_language", m, group=1) for m in _EN_SENTENCE.finditer(reply)]
        if len(_ZH_GREETING.findall(reply)) > 1:
            found.append(Finding(kind="double_greeting", text="您好"))
    else:
        found += [found_at("other_language", m) for m in _ZH_SENTENCE.finditer(reply)]
        if len(re.findall(r"(?im)^(?:hi|hello|dear)\b", reply)) > 1:
            found.append(Finding(kind="double_greeting", text="hello"))
    sents = [s.strip() for s in re.split(r"(?<=[。！？.!?])\s*", reply) if len(s.strip()) > 6]
    found += [Finding(kind="repeated_sentence", text=s) for i, s in enumerate(sents) if s in sents[:i]]
    passed = "clean punctuation, one language, nothing doubled"
    return verdict(NAME, found, failed="seams: ", passed=passed, show=kind_and_text)
