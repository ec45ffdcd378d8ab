"""Who is speaking: turn the customer's words and the policy's third person into the agent's voice.

- :func:`policy_to_you`: a policy fact speaks of "the customer" / 客户; the reply says "you" / 您.
- :func:`customer_to_agent`: the customer's "I / my / you (the company)" become the agent's
  "you / your / we" (both directions swapped at once, so nothing is swapped twice).
- :func:`third_person`, :func:`first_person`: what a sentence of the agent's must not contain.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from service.schemas import Language

_ZH_PERSON = (
    r"(?:客户|顾客|用户|持卡人|机主|客人|住客|消费者|旅客|乘客|宽带用户|该用户|该客户|住户|业主|租户|学员|家长|患者|车主"
    r"|投保人|会员|老人|租客|房客)"
)
_ZH_NOT_PERSON = r"(?!经理|服务|中心|端|群|信息|资料|满意|代表|名下)"

_ZH_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"每(?:一)?(?:位|个|名){_ZH_PERSON}"), "您"),
    (re.compile(rf"(\d+)岁以上的?([\u4e00-\u9fff]{{1,4}}?){_ZH_PERSON}(?:本人)?"), r"如果您年满\1岁、\2，"),
    (re.compile(rf"(\d+岁以上)的?{_ZH_PERSON}(?:本人)?"), r"年龄在\1的话，您"),
    (
        re.compile(
            rf"([^，。；、\s]{{2,16}}?)的(?:老年|年长|个人|新|老|普通|VIP|会员)?{_ZH_PERSON}(?:本人)?{_ZH_NOT_PERSON}"
            r"，?(?=可|能|须|需|应|会|如|若|在)"
        ),
        r"如果\1，您",
    ),
    (re.compile(rf"{_ZH_PERSON}本人{_ZH_NOT_PERSON}"), "您本人"),
    (re.compile(rf"{_ZH_PERSON}{_ZH_NOT_PERSON}"), "您"),
    (re.compile(r"告知您"), "告诉您"),
    (re.compile(r"如果([^，。；还]{1,6}期内)，"), r"如果还在\1，"),
    (re.compile(r"(?<=[到至往])您(?=邮箱|手机|账户|银行卡)"), "您的"),
    (re.compile(r"(?<=[为向给与替帮])其(?!他|中|余|实)"), "您"),
    (re.compile(r"为[^，。；为您]{1,10}的您"), "为您"),
    (re.compile(r"其本人"), "您本人"),
    # 客户对读数有异议的，可申请 -> 如果您对读数有异议，可申请
    (re.compile(r"(?<![如若果])(?<!如果)您([^，。；]{2,16})的(?:话)?，(?=可|能|须|需|请|您)"), r"如果您\1，"),
]

_EN_WHO = (
    r"(?:(?:existing|new|current|eligible|all|our) )?(?:customers|guests|users|cardholders|members|account holders"
    r"|passengers|travellers|travelers|ticket holders|policyholders|subscribers|tenants|residents|patients)"
)
_EN_NOT_NOUN = r"(?! relations| services?| room| house| support| care| team| manager| experience| account)"
_EN_RULES: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (
        re.compile(
            rf"\b{_EN_WHO} who ([^,;.]+?) (can|may|get|will|should|must|need to|are|keep|receive|earn|qualify) ", re.I
        ),
        r"if you \1, you \2 ",
    ),
    (
        re.compile(
            rf"\b{_EN_WHO} with ([^,;.]+?) (can|may|get|will|should|must|need to|are) ",
            re.I,
        ),
        r"if you have \1, you \2 ",
    ),
    (
        re.compile(
            rf"\b{_EN_WHO} without ([^,;.]+?) (can|may|get|will|should|must|need to|are) ",
            re.I,
        ),
        r"if you don't have \1, you \2 ",
    ),
    (
        re.compile(
            rf"\b{_EN_WHO} (in|affected by|over|under|on|of) ([^,;.]+?) "
            r"(can|may|get|will|should|must|need to|are) ",
            re.I,
        ),
        r"if you're \1 \2, you \3 ",
    ),
    (re.compile(rf"\b(?:for|to) {_EN_WHO} whose ", re.I), "if your "),
    (re.compile(rf"\b{_EN_WHO} whose ([^,;.]+?) (can|may|get|will|should|must|need to|are) ", re.I),
     r"if your \1, you \2 "),
    (
        re.compile(
            rf"\b{_EN_WHO} (?:who have been |who are )?(affected|hit|impacted) for ([^,;.]+?) (can|may|get|will) ", re.I
        ),
        r"if you've been \1 for \2, you \3 ",
    ),
    (
        re.compile(rf"\b{_EN_WHO} (\w+ing\b[^,;.]*?) (can|may|get|will|should|must|need to) ", re.I),
        r"if you're \1, you \2 ",
    ),
    (re.compile(rf"\bfor {_EN_WHO} who ", re.I), "if you "),
    (re.compile(r"\bthe (?:customer|guest|user|cardholder|account holder|member)'s\b", re.I), "your"),
    (re.compile(rf"\b{_EN_WHO}'", re.I), "your"),
    (
        re.compile(
            rf"\b(?:the|a|each) (?:customer|guest|user|cardholder|member|passenger|traveller|traveler)\b{_EN_NOT_NOUN}",
            re.I,
        ),
        "you",
    ),
    (re.compile(rf"\b{_EN_WHO}\b{_EN_NOT_NOUN}", re.I), "you"),
    (
        re.compile(
            r"\byou ((?:never|always|only|also|still|then|just|first) )?(is|has|was|needs|gets|wants|receives|relies"
            r"|prefers|asks|chooses|requests|agrees|provides|gives|sends|makes|uses|pays|calls|brings|shows|submits"
            r"|confirms|lives|owns|holds|qualifies)\b"
        ),
        lambda m: (
            "you "
            + (m.group(1) or "")
            + {"is": "are", "has": "have", "was": "were", "qualifies": "qualify"}.get(m.group(2), m.group(2)[:-1])
        ),
    ),
]
_EN_RULES.append(  # "if you ask within 14 days and has not used it" -> "and have not used it"
    (
        re.compile(r"(\byou\b[^,.;]*?\b(?:and|or)) (has|is|was|does|needs)\b"),
        lambda m: f"{m.group(1)} " + {"has": "have", "is": "are", "was": "were", "does": "do"}.get(m.group(2), "need"),
    )
)
_EN_THEIR = re.compile(r"\btheir\b")


def _apply(text: str, rules: Sequence[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]]) -> str:
    for pattern, repl in rules:
        text = pattern.sub(repl, text)
    return text


def _sentence_case(text: str) -> str:
    """Capital letter at the start of each English sentence (rules may lower-case one)."""
    return re.sub(r"(^|[.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)


def policy_to_you(text: str, language: Language) -> str:
    """A policy fact as said to the customer: 客户可… -> 您可…, "Customers can" -> "You can"."""
    if language == "zh":
        return _apply(text, _ZH_RULES)
    clauses = re.split(r"(?<=[;.])\s+", text)
    out = []
    for clause in clauses:
        said = _apply(clause, _EN_RULES)
        if said != clause:  # the customer was named here: "their" is theirs too, "they" is them
            said = _EN_THEIR.sub("your", said)
            said = re.sub(r"\bthey (?=leave|move|arrive|pay|call|ask|apply|book|need|want|have|are|were)", "you ", said)
            said = re.sub(r"\bthey're\b", "you're", said)
        out.append(said)
    return _sentence_case(" ".join(out))


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
    rf"(?<![给向为帮对跟和与]){_ZH_PERSON}{_ZH_NOT_PERSON}|[他她]们?(?![人])|对方|该用户|该客户|本人"
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
