"""Put the customer's situation in a few words when the model's summary copies them or is unusable.

From the customer's own clauses (or the clauses of the model's near-copy): questions, demands and
threats go; the clauses with the most specifics (figures, dates, what is at stake) stay, at most three;
their pronouns turn to the agent's voice and filler words go, so what remains is a short restatement of
the facts, not their sentence read back.
"""

from __future__ import annotations

import re
from itertools import combinations

from service.phrasing._clauses import decapitalize, strip_end
from service.phrasing._voice import customer_to_agent, third_person
from service.schemas import Language
from service.verify import text_facts

_ZH_QUESTION = re.compile(r"[？?]|吗$|呢$|怎么|什么|到底|能不能|可不可以|是不是|会不会|为什么|凭什么|哪天|多久")
_ZH_DEMAND = re.compile(r"投诉|曝光|给我|马上|必须|要求|再不|赶紧|立刻|找媒体|起诉|请问|麻烦")
_GREETING = re.compile(
    r"^(?:hi|hello|hey|dear\s+\w+|thanks|thank you)\b[,!.]?\s*|^(?:您好|你好|姑娘|师傅|小姐姐)[，,！!]?", re.I
)
_ZH_STAKES = re.compile(
    r"孩子|女儿|儿子|妈|爸|老人|药|学费|房租|工资|会议|面试|考试|航班|飞机|出差|生日|婚礼|上课|网课|工作|办公"
    r"|征信|医院|住院|礼物|押金|积蓄|退休金|养老金|裁员|失业|虫子|异物|坏了|锁|丢"
)
_ZH_REPORT = re.compile(r"^(?:收到|看到|接到)(?:你们|我们)?的?(?:短信|通知|邮件|信|电话)(?:上)?(?:说|显示)")
_EN_REPORT = re.compile(
    r"^(?:i|you) (?:got|received|had) (?:your|our|a|an) (?:letter|text|email|message|call) saying (?:that )?", re.I
)
_ZH_FILLER = re.compile(
    r"真的|实在|简直|明明|根本|居然|竟然|已经|前后|一下子|就(?=[\u4e00-\u9fff])|都(?=[\u4e00-\u9fff])|啊|呀|吧|嘛|呢"
)
_ZH_PRONOUN = re.compile(r"我们|我的|我|咱们|你们的|你们|你")
_EN_QUESTION = re.compile(r"\?|^(?:why|how|when|what|where|who|is|are|can|could|will|would|do|does|did)\b", re.I)
_EN_DEMAND = re.compile(
    r"\b(?:fix it|sort (?:it|this)|i want|i demand|refund me|give me|complain|report|sue|"
    r"thanks|thank you|hi|hello|please|don't tell me|i'm done|enough)\b",
    re.I,
)
_EN_STAKES = re.compile(
    r"\b(?:son|daughter|mum|mom|dad|child|kids?|baby|dog|cat|medication|rent|salary|wedding|"
    r"interview|exam|flight|work|job|classes|birthday|funeral|hospital|credit|alone|redundant|"
    r"laid off|passed away|broken|smashed|locked|lost|stolen)\b",
    re.I,
)
_EN_FILLER = re.compile(r"\b(?:honestly|literally|really|just|actually|seriously|even|already)\b\s*", re.I)


_KIN = re.compile(r"\b(?:he|she|him|his|her)\b|[他她]", re.I)
_FEELING = re.compile(r"不明白|看不懂|搞不清|不知道|don't understand|do not understand|confused|no idea", re.I)


def _score(clause: str, language: Language) -> int:
    question, demand, stakes = (
        (_ZH_QUESTION, _ZH_DEMAND, _ZH_STAKES) if language == "zh" else (_EN_QUESTION, _EN_DEMAND, _EN_STAKES)
    )
    concrete = len(re.findall(r"[\u4e00-\u9fff]", clause)) >= 6 or len(clause.split()) >= 5
    score = 3 * min(len(text_facts(clause).quantities), 2) + 3 * bool(stakes.search(clause)) + int(concrete)
    if question.search(clause):
        score -= 6
    if demand.search(clause):
        score -= 4
    if third_person(clause, language) and not _KIN.search(clause):
        score -= 6
    if _FEELING.search(clause):
        score -= 2
    if _ID_LED.match(clause):  # "运单号YT7731…", "Order #A-1 …": a reference, not what happened to them
        score -= 6
    return score


_ID_LED = re.compile(
    r"^(?:订单号|运单号|快递单号|单号|工单号?|合同号|编号|账号|卡号|保单号|回执号)"
    r"|^(?:order|ref(?:erence)?|account|ticket|case|invoice|booking)\s*(?:no\.?|number|#|ref)?\s*[:#]?\s*[A-Z0-9#-]*\d",
    re.I,
)


_EN_SHORTER = [
    # "your repayment of £460 is due on the 1st" -> a noun phrase; not after a pronoun ("It was due" stays)
    (
        re.compile(
            r"(?<!\bit)(?<!\bthis)(?<!\bthat)(?<!\bthey)(?<!\bhe)(?<!\bshe)(?<!\bwe)(?<!\byou)(?<!\bi)"
            r" (?:is|are|was|were) (due|overdue|missing|late|broken|locked|stuck)\b",
            re.I,
        ),
        r" \1",
    ),
    (re.compile(r"^(it's been .+?) and no (\w+)$", re.I), r"\1 with no \2"),
    (re.compile(r"\bthat (?:you|we) (?:never|didn't) made\b", re.I), "never made"),
]


_TAG = re.compile(r"【[^】]{0,8}】|\[[^\]]{0,12}\]")
_ZH_KIN = {"我妈": "您母亲", "我爸": "您父亲", "我女儿": "您女儿", "我儿子": "您儿子", "我孩子": "您孩子",
           "我老公": "您先生", "我老婆": "您太太", "我家": "您家", "我们家": "您家"}  # fmt: skip
_ZH_KIN_RE = re.compile("|".join(sorted(_ZH_KIN, key=len, reverse=True)))
_EN_LEAD = re.compile(
    r"^(?:and|but|so|also|then|plus|now(?! that)|anyway|(?:i\s+)?(?:just\s+)?wanted to (?:say|let you know)"
    r"(?: that)?)\b[,:]?\s*",
    re.I,
)


def _tidy(clause: str, language: Language) -> str:
    text = _TAG.sub("", _GREETING.sub("", strip_end(clause))).strip()
    text = (_ZH_REPORT if language == "zh" else _EN_REPORT).sub("", text)
    if language == "zh":
        text = _ZH_KIN_RE.sub(lambda m: _ZH_KIN[m.group()], text)
        text = re.sub(r"^我(?=[\u4e00-\u9fff])(?![们的])", "您", text)  # 我买的… -> 您买的…
        text = _ZH_PRONOUN.sub(lambda m: "我们" if m.group().startswith("你") else "", text)
        text = _ZH_FILLER.sub("", text)
        return text.strip("，, ")
    while _EN_LEAD.match(text):
        text = _EN_LEAD.sub("", text, count=1)
    text = _EN_FILLER.sub("", customer_to_agent(text, "en"))
    text = text[:1].upper() + text[1:] if text else text
    for pattern, repl in _EN_SHORTER:
        text = pattern.sub(repl, text)
    head, sep, _ = text.partition(" and ")
    if sep and len(text.split()) > 7 and len(head.split()) >= 3 and text_facts(head).quantities:
        text = head  # "you've emailed twice and got the same reply both times" -> "you've emailed twice"
    return re.sub(r"\s{2,}", " ", text).strip(" ,")


_EN_TAIL = re.compile(
    r"(?:\s+(?:and|of|to|the|a|an|for|with|in|on|at|instead|because|but|that|which|from|by|"
    r"so|as|than|just|now|then|when|while|or))+$",
    re.I,
)
_ZH_LIGHT = re.compile(r"用着用着|这下|一下|一直(?=[\u4e00-\u9fff]{2})")
_EN_CUT = re.compile(r",?\s+(?:and|but|because|so|which|while|when|after)\s+", re.I)


_EN_HANGING = re.compile(
    r"\b(?:been|be|being|is|are|was|were|am|has|have|had|got|get|gets|went|go|goes|stayed|sat|left|kept|stuck)$"
    r"|\b(?:told|asked|gave|sent|said to|promised)\s+(?:me|you|us|him|her|them)$"
    r"|\b(?:you|we|i|they)\s+(?:bought|ordered|got|booked|paid\s+for|received|rented)$",
    re.I,
)
"""A cut that leaves the verb without its complement ("Your laptop has been" | at the repair centre)."""
_EN_PREP = re.compile(r"\s+(?=(?:for|to|with|at|on|from|in|about|after|before|since|by)\s)", re.I)


_EN_RELATIVE = re.compile(r"\b(?:that|which|who|whose)\b", re.I)
"""A cut inside a relative clause leaves it without its verb ("an email that your tour | on 9 May ...")."""
_EN_BOUND = re.compile(
    r"(?:\b(?:for|to|with|at|on|from|in|about|after|before|since|by|of)(?:\s+\S+){1,3}"
    r"|[$£€¥]\s?\d[\d,.]*|\d[\d,.]*\s?(?:%|percent|pounds|dollars|euros))$",
    re.I,
)
"""A cut right after a figure or inside a prepositional phrase splits what belongs together
("a $312 bill | for data roaming", "back from a week | in Morocco")."""


def _short(text: str, language: Language, *, deeper: bool = False) -> str:
    """A clause cut to its core: Chinese function words out; English cut at its first conjunction
    (``deeper``: also before a preposition, keeping at least four words)."""
    if language == "zh":
        return _ZH_LIGHT.sub("", text).strip("，, ")
    head = _EN_CUT.split(text, maxsplit=1)[0]
    if head != text:  # a cut: no dangling function word ("never heard of" at the clause's end stays)
        head = _EN_TAIL.sub("", head).strip(" ,;:") if len(head.split()) >= 3 else text
    if deeper and len(head.split()) > 7 and not _EN_RELATIVE.search(head):
        cuts = [
            m.start()
            for m in _EN_PREP.finditer(head)
            if len(head[: m.start()].split()) >= 4
            and not _EN_HANGING.search(head[: m.start()])
            and not _EN_BOUND.search(head[: m.start()])
        ]
        if cuts:
            head = _EN_TAIL.sub("", head[: cuts[0]]).strip(" ,;:")
    return head


_COMMON_STARTS = frozenset(
    {
        "the",
        "a",
        "an",
        "my",
        "our",
        "your",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "they",
        "we",
        "you",
        "he",
        "she",
        "his",
        "her",
        "their",
        "and",
        "but",
        "so",
        "when",
        "after",
        "then",
        "now",
        "since",
        "still",
        "nobody",
        "no",
        "someone",
        "everything",
        "both",
        "all",
        "one",
        "two",
        "three",
        "every",
        "each",
        "nothing",
        "none",
        "just",
        "only",
        "if",
        "because",
        "while",
        "i'm",
        "ten",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "several",
        "many",
        "most",
        "some",
    }
)


def _join(parts: list[str], language: Language) -> str:
    if language == "zh":
        head, *rest = parts
        if head.startswith("您"):  # 您下个月搬家，您在家上网课 -> 您下个月搬家，在家上网课
            rest = [r[1:] if r.startswith("您") and len(r) > 3 else r for r in rest]
        return "，".join([head, *rest])
    head, *rest = parts
    # only a common word at a clause start is lower-cased mid-sentence: a name ("Priya left") stays
    rest = [decapitalize(r) if re.split(r"[\s'’,]", r, maxsplit=1)[0].lower() in _COMMON_STARTS else r for r in rest]
    if not rest:
        return head
    return ", and ".join([head, *rest]) if len(rest) == 1 else ", ".join([head, *rest[:-1]]) + ", and " + rest[-1]


def candidates(clauses: list[str], language: Language) -> list[str]:
    """Short restatements of the clauses with the most specifics, best first (one to three clauses, in
    the customer's order); the caller keeps the first one that passes its checks."""
    scored = [(i, c, _score(c, language)) for i, c in enumerate(clauses) if strip_end(c)]
    keep = sorted([x for x in scored if x[2] > 0], key=lambda x: -x[2])[:5]
    tidy = {i: _tidy(c, language) for i, c, _ in keep}
    options: list[tuple[int, int, str]] = []
    for size in (3, 2, 1):
        for combo in combinations(sorted(keep, key=lambda x: x[0]), size):
            parts = [tidy[i] for i, _, _ in combo if tidy[i]]
            for shorten in (0, 1, 2):
                texts = parts if not shorten else [_short(p, language, deeper=shorten == 2) for p in parts]
                if shorten and any(_lost_specifics(p, t) for p, t in zip(parts, texts, strict=True)):
                    continue
                text = _join(texts, language) if texts else ""
                if _unbalanced(text) or (language == "en" and len(text.split()) <= 4):
                    continue  # a quotation cut open; a stub ("It's now 2 April", "You pointed it out")
                length = len(text) if language == "zh" else len(text.split())
                if text and length <= (38 if language == "zh" else 22):
                    options.append((sum(x[2] for x in combo), -shorten, text))  # less cut first
    ranked = sorted(dict.fromkeys(options), key=lambda o: (-o[0], -o[1]))
    return list(dict.fromkeys(text for _, _, text in ranked))


def _unbalanced(text: str) -> bool:
    """A quotation or a bracket cut open ('all you get is "it's', "physiotherapy (four sessions")."""
    pairs = (("“", "”"), ("「", "」"), ("(", ")"), ("（", "）"), ("《", "》"))
    return text.count('"') % 2 == 1 or any(text.count(a) != text.count(b) for a, b in pairs)


def _lost_specifics(full: str, cut: str) -> bool:
    """The cut kept the clause's lead and lost every figure it had ("you forgot to cancel" | and were
    charged $299): the restatement would keep the least telling part."""
    return bool(text_facts(full).quantities) and not text_facts(cut).quantities


def summarise(clauses: list[str], language: Language) -> str | None:
    """The best short restatement (see :func:`candidates`), or None when no clause has specifics."""
    found = candidates(clauses, language)
    return found[0] if found else None


_EN_JOIN = re.compile(r"\s+(?:and|but|so)\s+(?=(?:I|I'm|I've|my|it|it's|there's|nobody|no one)\b)", re.I)


def customer_clauses(message: str) -> list[str]:
    from service.phrasing._clauses import clauses

    out: list[str] = []
    for c in clauses(text_facts(message).clean):
        c = type(c)(_GREETING.sub("", c.text), c.start, c.end)
        out.extend(p for p in _EN_JOIN.split(c.text) if p.strip())
    return out
