"""empathy_voice: the empathy is the agent speaking to the customer.

Judged: ``response.empathy.text`` and the reply's empathy sentence (its first sentence after the
greeting, and any sentence that repeats the empathy text). Each fails on:

- the customer's first person: a span copied from the customer's words that carries 我 / I / my
  (我下周就要出差…, "I need it for Friday"), or words only the customer would say (你们, 我妈, "my dog");
- third person: 顾客 / 该用户 / the customer (unless the customer speaks of their own clients), and
  he / she when the customer mentions nobody else;
- the quoted-fragments formula: 'You told us “x” and “y”', 您提到“x”, two or more quoted fragments of
  the customer's words (quoted menu labels such as “我的订单” are fine);
- moralising: "It's important to …", "you should have …", 您应该…, 下次请…;
- pity, flattery or blame-taking: "how unlucky", "valued customer", 全是我们的错; feelings claimed
  by us ("这让我们感到非常失望");
- a long verbatim copy of the customer's message (18+ characters / 9+ words).

Binary: any one of these and the empathy is not the agent's.
"""

from __future__ import annotations

import re

from evals._dataset import GoldenCase
from evals._types import Score
from evals.scorers._prose import (
    CJK,
    FIRST_PERSON_EN,
    copied_words,
    longest_copy,
    opening_sentences,
    sentences,
    short,
    squash,
    strip_greeting,
)
from service.schemas import RewriteResponse

NAME = "empathy_voice"
ZH_COPY_LIMIT = 18
EN_COPY_LIMIT = 9

_CUSTOMER_VOICE_ZH = re.compile(
    r"你们|我(?:的)?(?:妈|爸|家人|家里|儿子|女儿|孩子|宝宝|老公|老婆|母亲|父亲|爱人|对象)|(?:给|帮|害)我(?!们)|让我(?!们|来|先|为|帮|给)"
    r"|我(?:都|已经|又|还|也)?(?:打了|等了|交了|买了|退了|付了|问了|转了|订了|充了|下单|发了)|我(?:就要|下周就|明天就|这个月刚|上个月刚|刚被)"
)
_CUSTOMER_VOICE_EN = re.compile(
    r"\bmy\s+(?!colleagues?\b|team\b|name\b|manager\b|side\b|end\b|apologies\b|priority\b|job\b|supervisor\b|best\b"
    r"|own\b|word\b)[a-z]+"
    r"|\bi\s+(?:need|want)\b(?!\s+(?:you\b|to\s+(?:check|confirm|ask|verify|make|help|reassure|be|apologi[sz]e|assure|let)))"
    r"|\bi\s+(?:paid|ordered|bought|returned|emailed|called|rang|waited|moved|tried|restarted|cancelled|can't\s+afford"
    r"|don't\s+know\s+(?:how|what|why)|was\s+(?:made|told|charged|promised))\b"
    r"|\bi(?:'m|\s+am)\s+(?:so\s+|really\s+)?(?:worried|scared|terrified|furious|fed\s+up|done|desperate|angry|upset)\b"
    r"|\bi(?:'ve|\s+have)\s+(?:been\s+(?:waiting|charged|trying)|paid|emailed|called|restarted|waited)\b"
    r"|\b(?:help|refund|give|pay|send)\s+me\b|\byou\s+guys\b|\bmine\b",
    re.IGNORECASE,
)
_THIRD_ZH = re.compile(
    r"顾客|该用户|该客户|该顾客|消费者|买家|持卡人|(?<!您的)客户(?!经理|端|服务|中心|号|编号)|用户(?!名|中心|协议|手册|号)"
)
_THIRD_EN = re.compile(
    r"\bthe\s+(?:customer|user|client|caller|consumer|guest)s?\b(?!\s+relations)|\bthis\s+(?:customer|user|client)\b",
    re.IGNORECASE,
)
_OWN_CLIENTS = re.compile(
    r"(?:给|为|向|跟|和|我的|我们的|我们|公司的?)(?P<who>客户|顾客|用户)|\b(?:my|our)\s+(?P<who2>customers?|clients?|users?)\b",
    re.IGNORECASE,
)
_BARE_KIN_EN = re.compile(r"\b(?:mum|mom|mummy|mommy|dad|daddy)\b", re.IGNORECASE)
_PRONOUN_ZH = re.compile(r"[他她](?!们)")
_PRONOUN_EN = re.compile(r"\b(?:he|she|him|his|her|hers)\b", re.IGNORECASE)
_OTHERS_ZH = re.compile(
    r"妈|爸|母亲|父亲|孩子|儿子|女儿|老公|老婆|丈夫|妻子|朋友|老人|同事|先生|太太|哥|姐|弟|妹|奶奶|爷爷|外婆|外公|他|她|师傅|宝宝"
)
_OTHERS_EN = re.compile(
    r"\b(?:mum|mom|mother|dad|father|son|daughter|husband|wife|partner|brother|sister|friend|landlord|landlady|child"
    r"|baby|kid|grand\w+|neighbou?r|colleague|boss|he|she|his|her|him|[A-Z][a-z]+\s+(?:in|at|from)\s+your)\b",
    re.IGNORECASE,
)
_FORMULA = re.compile(
    r"\byou\s+(?:told|wrote\s+to|said\s+to|mentioned\s+to)\s+us\b|\byou\s+(?:mentioned|said|wrote|told\s+us)\s*[“\"']"
    r"|您(?:提到|说|写|反映)(?:了|过|的)?\s*[“\"「『]",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[“\"「『][^”\"」』\n]{1,60}[”\"」』]")
_MORAL = re.compile(
    r"\bit(?:'s|\s+is)\s+(?:very\s+|really\s+|always\s+)?(?:important|essential|crucial|vital|advisable|wise|best)\s+(?:to|that)\b"
    r"|\byou\s+should\s+(?:have|always|never|try|make|be)\b|\byou\s+(?:need|have)\s+to\s+(?:understand|remember|be\s+patient"
    r"|realise|realize|accept)\b|\bplease\s+(?:understand|remember)\b|\bmake\s+sure\s+(?:you|to)\b|\bremember\s+to\b"
    r"|\bnext\s+time,?\s+(?:please\s+)?(?:make|be|remember|try|check)\b|\bin\s+(?:the\s+)?future,?\s+(?:please|you\s+should)\b"
    r"|您应该|你应该|您本应|您需要理解|请您?理解|下次(?:请|记得|注意|要)|以后(?:请|记得|要注意)|建议您以后|要学会|一定要注意|您要明白|重要的是",
    re.IGNORECASE,
)
_PITY = re.compile(
    r"\bhow\s+unlucky\b|\bpoor\s+(?:you|thing)\b|\bwhat\s+(?:bad|terrible|awful|rotten)\s+luck\b|\byou\s+poor\b"
    r"|\bi\s+(?:really\s+)?(?:feel|felt)\s+(?:so\s+)?sorry\s+for\s+you\b|\bbad\s+luck\b"
    r"|\bvalued\s+customer\b|\bloyal\s+customer\b|\besteemed\b|\bwhat\s+a\s+(?:great|wonderful|loyal)\s+customer\b"
    r"|\byou(?:'re|\s+are)\s+(?:so|very|such\s+an?)\s+(?:patient|kind|understanding|wonderful|amazing|lovely)\b"
    r"|\b(?:it(?:'s|\s+is)|this\s+is)\s+(?:all|entirely|completely|totally|100%)\s+our\s+fault\b|\ball\s+our\s+fault\b"
    r"|\bwe\s+are\s+(?:totally|completely|entirely|fully)\s+to\s+blame\b"
    r"|\b(?:makes?|made)\s+(?:us|me)\s+(?:feel\s+)?(?:so\s+|very\s+)?(?:angry|frustrated|upset|disappointed|furious)\b"
    r"|真倒霉|太倒霉|好可怜|真可怜|太可怜|运气(?:真|太)?不好|太惨了|真惨|尊贵的|亲爱的(?:用户|顾客|客户|朋友)|宝贵的客户|忠实(?:的)?(?:客户|用户)"
    r"|您(?:真|这么|如此)(?:是)?(?:太)?(?:好|有耐心|通情达理|善解人意|大度)|(?:全|都|完全)是我们的(?:错|责任|问题)|全怪我们"
    r"|(?:让|令|使)(?:我|我们)(?:感到|觉得)?(?:非常|十分|很|特别)?(?:失望|愤怒|生气|不满|着急|难过|沮丧)",
    re.IGNORECASE,
)


def empathy_texts(response: RewriteResponse) -> list[tuple[str, str]]:
    """``(where, text)``: the empathy field, and the reply's empathy sentence(s)."""
    given = response.empathy.text.strip() if response.empathy else ""
    out = [("empathy", given)] if given else []
    picked = opening_sentences(response.reply, 1)
    if given:
        key = squash(given)
        for s in sentences(response.reply):
            sq = squash(s)
            s = strip_greeting(s)
            if sq and len(longest_copy(s, given)) >= 0.6 * min(len(sq), len(key)) and s not in picked:
                picked.append(s)
    return out + [("reply", s) for s in picked]


def _customer_text(case: GoldenCase) -> str:
    req = case.request
    return "\n".join([req.customer_message, *(t.text for t in req.history if t.role == "customer")])


def _copied_first_person(text: str, customer: str) -> str | None:
    """A span of ``text`` copied from ``customer`` that carries the customer's 我 / I / my."""
    sq, source = squash(text), squash(customer)
    for i, ch in enumerate(sq):
        if ch == "我" and sq[i + 1 : i + 2] != "们":
            for window in (sq[i : i + 5], sq[max(0, i - 4) : i + 1]):
                if len(window) == 5 and window in source:
                    return window
    target = " " + " ".join(re.findall(r"[a-z0-9']+", customer.casefold())) + " "
    # runs stay inside one stretch of the text: the agent's own "— I understand" after a restated
    # fact is not the customer's "I"
    for segment in re.split(r"[—–;:.!?,]", text):
        words = re.findall(r"[a-z0-9']+", segment.casefold())
        for i, w in enumerate(words):
            if FIRST_PERSON_EN.fullmatch(w):
                for run in (words[i : i + 4], words[max(0, i - 3) : i + 1]):
                    if len(run) == 4 and f" {' '.join(run)} " in target:
                        return " ".join(run)
    return None


def voice_problems(case: GoldenCase, text: str) -> list[str]:
    customer = _customer_text(case)
    problems: list[str] = []
    copied = _copied_first_person(text, customer) or _bare_kin(text)
    marker = _CUSTOMER_VOICE_ZH.search(text) or _CUSTOMER_VOICE_EN.search(text)
    if copied or marker:
        problems.append(f"the customer's first person «{copied or (marker.group() if marker else '')}»")
    # 客户 / "the client" is fine when the customer speaks of their own clients (给客户做演示, "my clients").
    own_clients = {_who(m.group("who") or m.group("who2")) for m in _OWN_CLIENTS.finditer(customer)}
    found = (m for p in (_THIRD_ZH, _THIRD_EN) for m in p.finditer(text))
    third = next((m for m in found if _who(m.group()) not in own_clients), None)
    if third is None and not (_OTHERS_ZH.search(customer) or _OTHERS_EN.search(customer)):
        third = _PRONOUN_ZH.search(text) or _PRONOUN_EN.search(text)
    if third:
        problems.append(f"third person «{third.group()}»")
    formula = _FORMULA.search(text)
    quotes = [q for q in _QUOTED.findall(text) if squash(q) and squash(q) in squash(customer)]
    if formula or len(quotes) >= 2:
        problems.append(f"quoted fragments «{formula.group() if formula else ' / '.join(quotes[:2])}»")
    for label, pattern in (("moralising", _MORAL), ("pity, flattery or blame-taking", _PITY)):
        m = pattern.search(text)
        if m:
            problems.append(f"{label} «{m.group()}»")
    long_copy = _long_copy(text, customer)
    if long_copy:
        problems.append(f"copies the customer's message «{short(long_copy, 60)}»")
    question = _copied_question(text, customer)
    if question:
        problems.append(f"puts the customer's own question back «{short(question, 40)}»")
    return problems


def _who(word: str) -> str:
    """客户 / "the clients" -> one key: 客户 / "client"."""
    return squash(word).removeprefix("the").removeprefix("this").removesuffix("s")


def _bare_kin(text: str) -> str | None:
    """ "mum" / "dad" without "your": the customer's own word for their parent ("how worried mum is")."""
    for m in _BARE_KIN_EN.finditer(text):
        before = re.findall(r"[a-z']+", text[: m.start()].casefold())[-1:]
        if not before or before[0] not in {"your", "his", "her", "their", "the", "a", "our"}:
            return m.group()
    return None


def _long_copy(text: str, customer: str) -> str | None:
    """A verbatim copy of the customer's words: long, or most of the sentence."""
    if CJK.search(text):
        copy, size = longest_copy(text, customer), len(squash(text))
        long_enough = len(copy) >= ZH_COPY_LIMIT or (len(copy) >= 12 and len(copy) >= 0.6 * size)
        return copy if long_enough else None
    words = copied_words(text, customer)
    size = len(re.findall(r"[a-z0-9']+", text.casefold()))
    long_enough = len(words) >= EN_COPY_LIMIT or (len(words) >= 6 and len(words) >= 0.6 * size)
    return " ".join(words) if long_enough else None


def _copied_question(text: str, customer: str) -> str | None:
    """A question of the customer's, copied into the empathy (孩子才六个月，这种东西也能混进去？)."""
    for sentence in re.findall(r"[^。！？!?.]+[？?]", text):
        clause = re.split(r"[,:;，：；—]", sentence)[-1]
        if CJK.search(clause):
            if len(longest_copy(clause, customer)) >= 8:
                return clause.strip()
        elif len(copied_words(clause, customer)) >= 4:
            return clause.strip()
    return None


def empathy_voice(case: GoldenCase, response: RewriteResponse) -> Score:
    texts = empathy_texts(response)
    if not texts:
        why = "no empathy: neither an empathy text nor a sentence"
        return Score(name=NAME, value=0.0, passed=False, explanation=why)
    problems = [f"{where}: {p}" for where, text in texts for p in voice_problems(case, text)]
    if not problems:
        return Score(name=NAME, value=1.0, passed=True, explanation="the agent speaks to the customer")
    return Score(name=NAME, value=0.0, passed=False, explanation="; ".join(dict.fromkeys(problems)))
