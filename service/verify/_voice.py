"""Check ``empathy_voice``: the empathy is the agent speaking to the customer.

Not the customer's first person copied back, not the customer in third person, not the quoted-fragment
formula ('You told us “x” and “y”'), not moralising ("It's important to…", 您应该…).
"""

from __future__ import annotations

import re

from service.schemas import Check, Empathy, Finding, Language, RewriteRequest
from service.verify._detail import found_at, kind_and_text, located, verdict

NAME = "empathy_voice"
_ZH_THIRD = re.compile(
    r"(?:顾客|客户|用户|该用户|该客户|消费者)(?!经理|服务|中心|端)|(?<![其])[他她]们?(?=[的很感觉非说已])"
)
_EN_THIRD = re.compile(
    r"\b(?:the|this|our) (?:customer|client|caller|user)s?\b|\bcustomers?'s?\b|\b(?:he|she|his|her)\b", re.I
)
_FORMULA = re.compile(r"you (?:told|wrote to|said to) (?:us|me)\s*[“\"']|您(?:提到|说)(?:了)?[“\"「]", re.I)
_MORAL = re.compile(
    r"\bit'?s (?:important|essential|crucial) (?:to|that)\b|\byou (?:should|must|need to)\b"
    r"|您(?:应该|应当|必须|要学会)|建议您(?:以后|下次)",
    re.I,
)
_PITY = re.compile(r"\bhow unlucky\b|\bpoor you\b|真倒霉|太可怜|好可怜|it'?s all our fault|都是我们的错", re.I)


def _first_person_copies(text: str, message: str, language: Language) -> list[str]:
    """Runs copied from the customer's message that carry their own "I / 我"."""
    found = []
    if language == "zh":
        for m in re.finditer(r"[^，。！？,.!?]*我[^，。！？,.!?]*", message):
            run = m.group().strip()
            if len(run) >= 6 and run in text:
                found.append(run)
    else:
        for m in re.finditer(r"[^,.!?]*\b(?:I|I'm|I've|my|me)\b[^,.!?]*", message):
            words = m.group().split()
            for i in range(len(words) - 3):
                chunk = " ".join(words[i : i + 4])
                if re.search(r"\b(?:I|I'm|I've|my|me)\b", chunk) and chunk in text:
                    found.append(chunk)
                    break
    return found


def empathy_voice(request: RewriteRequest, empathy: Empathy | None, language: Language) -> Check:
    if empathy is None or not empathy.text.strip():
        return Check(name=NAME, passed=True, detail="no empathy sentence to judge")
    text = empathy.text
    found: list[Finding] = []
    third = _ZH_THIRD if language == "zh" else _EN_THIRD
    found += [found_at("third_person", m, where="empathy") for m in third.finditer(text)]
    found += [
        located("customer_words", t, text, where="empathy")
        for t in _first_person_copies(text, request.customer_message, language)
    ]
    found += [found_at("quote_formula", m, where="empathy") for m in _FORMULA.finditer(text)]
    found += [found_at("moralising", m, where="empathy") for m in _MORAL.finditer(text)]
    found += [found_at("pity", m, where="empathy") for m in _PITY.finditer(text)]
    return verdict(
        NAME,
        found,
        failed="the empathy is not in the agent's voice: ",
        passed="the empathy speaks to the customer in the agent's voice",
        show=kind_and_text,
    )
