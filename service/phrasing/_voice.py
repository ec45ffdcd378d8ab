"""The customer's words in the agent's voice, and what an agent's sentence must not contain.

- :func:`customer_to_agent`: the customer's "I / my / you (the company)" become the agent's
  "you / your / we" (both directions swapped at once, so nothing is swapped twice).
- :func:`third_person`, :func:`first_person`: what a sentence of the agent's must not contain.

(The policy's third person turned to "you" / 您 is :mod:`._person`.)
"""

from __future__ import annotations

import re

from service.phrasing._person import ZH_NOT_PERSON, ZH_PERSON
from service.schemas import Language

_EN_SWAP = {
    "i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself",
    "i'm": "you're", "i've": "you've", "i'd": "you'd", "i'll": "you'll",
    "we": "you", "us": "you", "our": "your", "ours": "yours", "ourselves": "yourselves",
    "we're": "you're", "we've": "you've", "we'd": "you'd", "we'll": "you'll",
    "you": "we", "your": "our", "yours": "ours", "yourself": "ourselves",
    "you're": "we're", "you've": "we've", "you'd": "we'd", "you'll": "we'll",
}  # fmt: skip
_EN_SWAP_RE = re.compile(
    r"\b(?:i'm|i've|i'd|i'll|we're|we've|we'd|we'll|you're|you've|you'd|you'll|"
    r"i|me|my|mine|myself|we|us|our|ours|ourselves|you|your|yours|yourself)\b",
    re.I,
)
_EN_OBJECT = re.compile(
    r"\b(contacted|called|emailed|told|asked|sent|gave|phoned|rang|messaged|charged|billed|to|with|for|from|at)"
    r" we\b"
)
_EN_AGREE = [
    (re.compile(r"\b([Yy])ou was\b"), r"\1ou were"),
    (re.compile(r"\b([Yy])ou am\b"), r"\1ou are"),
    (re.compile(r"\b([Ww])e was\b"), r"\1e were"),
]
_ZH_SWAP = {"我们": "您", "咱们": "您", "我": "您", "俺": "您", "你们": "我们", "你": "我们"}
_ZH_SWAP_RE = re.compile("我们|咱们|你们|我|俺|你")


def customer_to_agent(text: str, language: Language) -> str:
    """The customer's words as the agent says them back: 我 -> 您, 你们 -> 我们; I -> you, you -> we."""
    if language == "zh":
        return _ZH_SWAP_RE.sub(lambda m: _ZH_SWAP[m.group()], text).replace("您您", "您")

    def swap(m: re.Match[str]) -> str:
        word = m.group()
        out = _EN_SWAP[word.lower()]
        return out[:1].upper() + out[1:] if word[:1].isupper() and m.start() == 0 else out

    text = _EN_SWAP_RE.sub(swap, text)
    text = _EN_OBJECT.sub(lambda m: m.group(1) + " us", text)
    for pattern, repl in _EN_AGREE:
        text = pattern.sub(repl, text)
    return text


_ZH_THIRD = re.compile(
    rf"(?<![给向为帮对跟和与]){ZH_PERSON}{ZH_NOT_PERSON}|[他她]们?(?![人])|对方|该用户|该客户|本人"
)
_EN_THIRD = re.compile(
    r"\b(?:the|this|our|a) (?:customer|client|guest|user|caller)s?\b|\bcustomers?(?:'s?)?\b"
    r"|\b(?:he|she|him|his|her|hers|himself|herself)\b",
    re.I,
)
_ZH_FIRST = re.compile(r"我|咱|俺")
_EN_FIRST = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|me|my|mine|myself)\b")


def third_person(text: str, language: Language) -> list[str]:
    """Words that talk *about* the customer instead of to them (顾客, the customer, he/she)."""
    pattern = _ZH_THIRD if language == "zh" else _EN_THIRD
    return [m.group() for m in pattern.finditer(text)]


def first_person(text: str, language: Language) -> list[str]:
    """First-person words (我 / I, my): in a restatement of the customer they are the customer's own."""
    pattern = _ZH_FIRST if language == "zh" else _EN_FIRST
    return [m.group() for m in pattern.finditer(text)]
