"""Draft clauses the customer has no use for: what they already did, what the agent now does for them,
what the policy says better, what they cannot do (read by :mod:`._draft`)."""

from __future__ import annotations

import re

from service.schemas import Language
from service.verify._harm import HarmHit

_DONE_ZH = re.compile(r"已经|了|过|多次|\d+次|[两三四五六七八九十]次|好几次")
_DONE_EN = re.compile(r"\b(?:I've|I have|I had|already|times|twice|again|tried)\b", re.I)


def already_done(hit: HarmHit, customer_message: str, language: Language) -> bool:
    """The draft tells the customer to do what they say they have done ("Please restart it" after
    "I've restarted it five times")."""
    verb = re.sub(r"^(?:please\s+|try\s+|to\s+|请|建议|您|先|再|重新)+", "", hit.text.strip(), flags=re.I)
    stem = verb[:2] if language == "zh" else (verb.split() or [""])[0][:5].lower()
    if not stem:
        return False
    done = _DONE_ZH if language == "zh" else _DONE_EN
    for part in re.split(r"[。！？.!?]", customer_message):
        if stem in (part if language == "zh" else part.lower()) and done.search(part):
            return True
    return False


_INSTEAD = re.compile(
    r"\binstead of (?:a |an |the )?(?P<en>[a-z]+)|\bwithout (?P<en2>return|send)ing\b"
    r"|\bno (?P<en3>[a-z]+)(?: visit| trip| appointment)? (?:is |are )?(?:needed|required|necessary)\b"
    r"|(?:而不是|无需|不用|不必)(?P<zh>[\u4e00-\u9fff]{2})",
    re.I,
)
_WAIVED = re.compile(
    r"(?P<en>[A-Za-z][\w -]{2,40}?)\s+(?:fee|fees|charge|charges)\s+(?:is|are|will be)\s+"
    r"(?:waived|refunded|not charged)"
    r"|(?:免收|免除|不收取)(?P<zh>[\u4e00-\u9fff]{2,6}?)(?:费|$|，|。)",
    re.I,
)
_REQUEST = re.compile(r"请|麻烦|可以|您可|\bplease\b|\byou can\b|\bcould you\b", re.I)
_LATIN_SENTENCE = re.compile(r"[A-Za-z][A-Za-z ,'’-]{12,}[.!?]?")


def _words(text: str) -> set[str]:
    cjk = "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower())} | {cjk[i : i + 2] for i in range(len(cjk) - 1)}


def superseded(clause: str, policy: list[str]) -> str | None:
    """The policy fact that makes this draft clause wrong for the customer: it offers the thing
    "instead of" what the clause says ("qualifies for a replacement instead of a repair"), or waives
    the fee the clause says applies."""
    words = _words(clause)
    for fact in policy:
        for m in _INSTEAD.finditer(fact):
            thing = (m.group("en") or m.group("en2") or m.group("en3") or m.group("zh") or "").lower()
            if thing and (thing[:5] in words or thing in clause):
                return fact
        for m in _WAIVED.finditer(fact):
            what = _words(m.group("en") or m.group("zh") or "") - {"the", "your"}
            fee = re.search(r"\bfees?\b|\bcharges?\b|费", clause, re.I)
            if what and fee and what <= words:
                return fact
    return None


_LACKS = re.compile(
    r"(?:(?:don't|do not|no longer) have|not have|lost|without|no longer use|haven't got)\s+(?:a |an |the |my |any )?"
    r"(?P<en>[a-z]+(?: [a-z]+)?)|(?P<en2>[a-z]+) (?:that |which )?i (?:don't|do not|no longer) (?:have|own|use)"
    r"|(?P<zh>手机|手机号|银行卡|身份证|电脑|网银)(?:已经)?(?:丢了|没了|不用了|停用了)|没有(?P<zh2>手机|手机号|银行卡|身份证|电脑)",
    re.I,
)
_SAME = {"phone": ("phone", "mobile"), "mobile": ("phone", "mobile"), "card": ("card",), "car": ("car",),
         "computer": ("computer", "laptop", "online"), "laptop": ("computer", "laptop", "online"),
         "手机": ("手机", "短信", "验证码"), "手机号": ("手机", "短信", "验证码")}  # fmt: skip
_INSTRUCTION = re.compile(
    r"^(?:please\s+|you\s+(?:will\s+)?need\s+to\s+|you\s+(?:must|should)\s+|try\s+)|^请|^需要您|^建议您|^麻烦您", re.I
)


_DONE_CLAUSE_EN = re.compile(r"\b(?:i've|i have|i had|already|i did|done|tried|ran|run)\b", re.I)
_DONE_CLAUSE_ZH = re.compile(r"已经|试过|做过|弄过|(?:了|过)(?:[，。！]|$)|\d+次|[两三四五六七八九十]次")
_STOP = frozenset(["please", "your", "with", "this", "that", "have", "will", "from", "they", "them", "send", "using"])


def _nouns(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z]{5,}", text.lower()) if w not in _STOP}


def asked_again(clause: str, customer_message: str, language: Language) -> bool:
    """An instruction the customer says they already followed ("Please run a speed test" after "I've
    done the speed tests you asked for")."""
    if not _INSTRUCTION.search(clause.strip()):
        return False
    if language == "zh":
        grams = _words(clause) - {"请您", "您检", "一下"}
        return any(
            _DONE_CLAUSE_ZH.search(part) and len(grams & _words(part)) >= 2
            for part in re.split(r"[。！？，]", customer_message)
        )
    nouns = _nouns(clause)
    return any(_DONE_CLAUSE_EN.search(part) and nouns & _nouns(part) for part in re.split(r"[.!?;]", customer_message))


def done_for_them(clause: str, agent_facts: list[str]) -> bool:
    """An instruction the agent can carry out for the customer instead
    ("请您将机顶盒断电重启" when 客服可远程重启机顶盒)."""
    if not _INSTRUCTION.search(clause.strip()):
        return False
    mine = _words(clause)
    return any(len(mine & _words(fact)) >= 3 for fact in agent_facts)


def cannot_do(clause: str, customer_message: str) -> bool:
    """The draft asks for what the customer says they do not have ("update your mobile number" after
    "a phone I don't have any more")."""
    if not _INSTRUCTION.search(clause.strip()):
        return False
    for m in _LACKS.finditer(customer_message):
        thing = (m.group("en") or m.group("en2") or m.group("zh") or m.group("zh2") or "").lower().split()
        key = next((w for w in thing if w in _SAME), None)
        if key and any(word in clause.lower() for word in _SAME[key]):
            return True
    return False
