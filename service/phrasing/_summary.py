"""Put the customer's situation in a few words when the model's summary copies them or is unusable.

From the customer's own clauses (or the clauses of the model's near-copy): questions, demands and
threats go; the clauses with the most specifics (figures, dates, what is at stake) stay, at most three;
their pronouns turn to the agent's voice and filler words go, so what remains is a short restatement of
the facts, not their sentence read back.
"""

from __future__ import annotations

import re

from service.phrasing._clauses import strip_end
from service.phrasing._person import customer_to_agent, third_person
from service.schemas import Language
from service.verify import find_quantities, strip_injected

_ZH_QUESTION = re.compile(r"[？?]|吗$|呢$|怎么|什么|到底|能不能|可不可以|是不是|会不会|为什么|凭什么|哪天|多久")
_ZH_DEMAND = re.compile(r"投诉|曝光|给我|马上|必须|要求|再不|赶紧|立刻|找媒体|起诉|谢谢|你好|您好|请问|麻烦")
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


def _score(clause: str, language: Language) -> int:
    question, demand, stakes = (
        (_ZH_QUESTION, _ZH_DEMAND, _ZH_STAKES) if language == "zh" else (_EN_QUESTION, _EN_DEMAND, _EN_STAKES)
    )
    concrete = len(re.findall(r"[\u4e00-\u9fff]", clause)) >= 6 or len(clause.split()) >= 5
    score = 3 * min(len(find_quantities(clause)), 2) + 3 * bool(stakes.search(clause)) + int(concrete)
    if question.search(clause):
        score -= 6
    if demand.search(clause):
        score -= 4
    if third_person(clause, language):
        score -= 6
    return score


_EN_SHORTER = [
    (re.compile(r"\b(?:is|are|was|were) (due|overdue|missing|late|broken|locked|stuck)\b", re.I), r"\1"),
    (re.compile(r"^(it's been .+?) and no (\w+)$", re.I), r"\1 with no \2"),
    (re.compile(r"\bthat (?:you|we) (?:never|didn't) made\b", re.I), "never made"),
]


def _tidy(clause: str, language: Language) -> str:
    text = strip_end(clause)
    text = (_ZH_REPORT if language == "zh" else _EN_REPORT).sub("", text)
    if language == "zh":
        text = _ZH_PRONOUN.sub(lambda m: "我们" if m.group().startswith("你") else "", text)
        text = _ZH_FILLER.sub("", text)
        return text.strip("，, ")
    text = _EN_FILLER.sub("", customer_to_agent(text, "en"))
    for pattern, repl in _EN_SHORTER:
        text = pattern.sub(repl, text)
    head, sep, _ = text.partition(" and ")
    if sep and len(text.split()) > 7 and len(head.split()) >= 3 and find_quantities(head):
        text = head  # "you've emailed twice and got the same reply both times" -> "you've emailed twice"
    return re.sub(r"\s{2,}", " ", text).strip(" ,")


def summarise(clauses: list[str], language: Language) -> str | None:
    """A short restatement of the clauses with the most specifics, or None when none has any."""
    scored = [(i, c, _score(c, language)) for i, c in enumerate(clauses) if strip_end(c)]
    keep = [x for x in scored if x[2] > 0]
    if not keep:
        return None
    keep = sorted(sorted(keep, key=lambda x: -x[2])[:3], key=lambda x: x[0])
    parts: list[str] = []
    for _, clause, _ in keep:
        tidy = _tidy(clause, language)
        if not tidy:
            continue
        candidate = [*parts, tidy]
        size = len("".join(candidate)) if language == "zh" else len(" ".join(candidate).split())
        if parts and size > (36 if language == "zh" else 22):
            break
        parts = candidate
    if not parts:
        return None
    if language == "zh":
        return "，".join(parts)
    head, *rest = parts
    rest = [r[:1].lower() + r[1:] if not r.startswith(("I ", "I'")) else r for r in rest]
    if not rest:
        return head
    return ", and ".join([head, *rest]) if len(rest) == 1 else ", ".join([head, *rest[:-1]]) + ", and " + rest[-1]


_EN_JOIN = re.compile(r"\s+(?:and|but|so)\s+(?=(?:I|I'm|I've|my|it|it's|there's|nobody|no one)\b)", re.I)


def customer_clauses(message: str) -> list[str]:
    from service.phrasing._clauses import clauses

    out: list[str] = []
    for c in clauses(strip_injected(message)):
        out.extend(p for p in _EN_JOIN.split(c.text) if p.strip())
    return out
