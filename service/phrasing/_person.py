"""Who is speaking: turn the customer's words and the policy's third person into the agent's voice.

- :func:`policy_to_you`: a policy fact speaks of "the customer" / 客户; the reply says "you" / 您.
- the customer's own words in the agent's voice, and what an agent's sentence must not contain, are
  :mod:`._voice`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from service.schemas import Language

_ZH_PERSON = (
    r"(?:客户|顾客|用户|持卡人|机主|客人|住客|消费者|旅客|乘客|宽带用户|该用户|该客户|住户|业主|租户|学员|家长|患者|车主"
    r"|投保人|会员|老人|租客|房客)"
)
_ZH_NOT_PERSON = (
    r"(?!经理|服务|中心|端|群|信息|资料|满意|代表|名下|权益|卡|等级|积分|专享|价|日|账号|编号|资格|状态|协议|须知|手册"
    r"|权限|体系|制度|政策)"
)
_ZH_CARED = re.compile(r"老人|患者|学员|学生|病人|孩子|儿童|长者")
"""Roles of the person cared for: the customer's role unless they write about a relative."""
_ZH_KIN = re.compile(
    r"我(?:的)?(?:妈|爸|母亲|父亲|老母亲|老父亲|爷爷|奶奶|外公|外婆|姥姥|姥爷|公公|婆婆|儿子|女儿|孩子|闺女|老公|老婆|丈夫|妻子|爱人|家人|家老人)"
    r"|的(?:女儿|儿子|家属|孙子|孙女)|家属|[他她]生前"
)
_ZH_EVIDENCED: dict[str, re.Pattern[str]] = {
    # Roles the customer holds only when their message shows it.
    "家属": _ZH_KIN,
    "主人": re.compile(r"我家(?:的)?(?:猫|狗|宠物|兔|鸟)|我的(?:猫|狗|宠物)|寄养|宠物"),
    "买家": re.compile(r"我(?:在[^，。]{1,12})?(?:买了|买的|购买|下单|下了单|拍了)|我买"),
}
_ZH_OTHER = (
    r"楼上|楼下|相邻|隔壁|对方|其他|其它|另一|另一方|别的|邻居|邻近|对门|对面|上层|下层|周边|同楼|其余|他人|别人|同住"
)
_ZH_ROLE_ANY = (
    r"(?:客户|顾客|用户|持卡人|机主|客人|住客|消费者|旅客|乘客|住户|业主|租户|学员|学生|家长|患者|病人|车主|投保人|会员"
    r"|老人|长者|租客|房客|买家|卖家|主人|家属|商家|房东|读者|孩子|儿童)"
)
"""Any person a policy may speak of (for what must not be taken as the customer)."""
ZH_ROLE_ANY = _ZH_ROLE_ANY
ZH_PERSON, ZH_NOT_PERSON = _ZH_PERSON, _ZH_NOT_PERSON
_ZH_QUALIFIED = re.compile(
    r"(?:独居|高龄|空巢|企业|单位|公司|对公|个人|家庭|手机|宽带|住院|门诊|普通|原|前任|首次|外地|本地|境外|外籍|未成年|成年"
    r"|残疾|困难|低保|贵宾|白金|金卡|银卡|钻石|VIP|Plus|PLUS)$"
)
"""A qualifier right before a role noun: a kind of customer (企业客户), not "you" as such."""
_ZH_ASKED = re.compile(rf"(?:报修|投诉|来电|咨询|下单|寄件|报案|申请)的?{_ZH_PERSON}{_ZH_NOT_PERSON}")
"""报修业主, 投诉客户: the one who reported is the customer: 您."""

_ZH_RULES: list[tuple[re.Pattern[str], str]] = [
    (_ZH_ASKED, "您"),
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
    (re.compile(r"(退回|返还)您(?=$|[，。；])"), r"\1给您"),
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
_EN_NOT_NOUN = (
    r"(?! relations| services?| room| house| support| care| team| manager| experience| account| app\b| portal| area"
    r"| number| ID\b| id\b| card| benefits?| discount| rates?\b| prices?| pricing| login| website| site| handbook"
    r"| agreement| lounge| hub| dashboard| profile| page| offers?\b| rewards?| newsletter| zone| terms| fees?\b"
    r"| helpline| desk| feedback| satisfaction| survey| records?\b| details| reference| code| contract| charter)"
)
_EN_ONE = (
    r"(?:customer|guest|user|cardholder|member|passenger|traveller|traveler|account holder|tenant|policyholder"
    r"|subscriber|patient|resident)"
)
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
    # "The member whose booking was displaced gets priority" -> "if your booking was displaced, you get priority"
    (
        re.compile(
            rf"\b(?:the|a|an|any|each) {_EN_ONE} whose ([^,;.]+?) (can|may|will|should|must|gets|has|is|receives"
            r"|keeps|qualifies|earns|needs to) ",
            re.I,
        ),
        r"if your \1, you \2 ",
    ),
    (
        re.compile(
            rf"\b(?:the|a|an|any|each) {_EN_ONE} who ([^,;.]+?) (can|may|will|should|must|gets|has|is|receives"
            r"|keeps|qualifies|earns|needs to) ",
            re.I,
        ),
        r"if you \1, you \2 ",
    ),
    (re.compile(rf"\bthe {_EN_ONE}'s\b", re.I), "your"),
    (re.compile(rf"\b{_EN_WHO}'", re.I), "your"),
    (
        re.compile(
            rf"\b(?:the|a|each) {_EN_ONE}\b{_EN_NOT_NOUN}",
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


_EN_KIN = re.compile(
    r"\b(?:my|our) (?:son|daughter|mum|mom|mother|dad|father|child|children|kids?|husband|wife|partner|parents?"
    r"|grandmother|grandfather|grandma|grandpa|nan|gran|brother|sister|baby|toddler)\b",
    re.I,
)
_EN_CARED = re.compile(r"^(?:patients?|residents?|pupils?)$", re.I)
_EN_EVIDENCED: list[tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str] | None]] = [
    # (role, what in the customer's message shows it is theirs, what shows it is not)
    (
        re.compile(r"^buyers?$", re.I),
        re.compile(r"\bI (?:bought|purchased|ordered|paid for)\b|\bmy (?:order|purchase)\b", re.I),
        re.compile(r"\bI (?:sold|listed|am selling)\b|\bmy (?:listing|buyer)\b", re.I),
    ),
    (
        re.compile(r"^sellers?$", re.I),
        re.compile(r"\bI (?:sold|listed|am selling)\b|\bmy (?:listing|buyer)\b", re.I),
        None,
    ),
    (re.compile(r"^donors?$", re.I), re.compile(r"\bdonat|\bI gave\b|\bgift aid\b", re.I), None),
    (re.compile(r"^family$", re.I), re.compile(_EN_KIN.pattern + r"|\bwe\b|\bour\b", re.I), None),
    (re.compile(r"^owners?$", re.I), re.compile(r"\b(?:my|our) (?:dog|cat|pet|puppy|kitten|rabbit)\b", re.I), None),
    (
        re.compile(r"^(?:students?|learners?)$", re.I),
        re.compile(r"\b(?:course|cohort|bootcamp|class|lessons?|tuition|enrol|module)", re.I),
        _EN_KIN,
    ),
]
_EN_ROLE = re.compile(
    r"\b(?:(?P<other>other|another|neighbouring|neighboring|upstairs|downstairs|adjacent|next-door|fellow|previous"
    r"|former|third-party|family|staff|team|crew|board|household|committee|cabin) )?"
    r"(?P<role>customers?|guests?|users?|cardholders?|members?|account holders?|passengers?"
    r"|travell?ers?|ticket holders?|policyholders?|subscribers?|tenants?|residents?|patients?|pupils?|buyers?"
    r"|sellers?|donors?|family|owners?|students?|learners?)\b",
    re.I,
)
_EN_SUBJECT_YOU = re.compile(
    r"(^|[,;:] |\b(?i:if|when|once|unless|and|or|that|where|while|until|before|after|because|so"
    r"|whichever|whatever|as|then|who) )([Yy]ou) ((?:never|always|only|also|still|then|just|first|already) )?([a-z]+)\b"
)
_EN_NOT_VERB = frozenset(
    {"always", "sometimes", "perhaps", "thus", "plus", "us", "yes", "news", "across", "less", "unless", "various",
     "previous", "its", "his", "hers", "ours", "yours", "theirs", "this", "series", "as", "is", "has", "was", "does"}
)  # fmt: skip


def _agree(m: re.Match[str]) -> str:
    """Agreement: "if you replies" -> "if you reply" (only a third-person verb right after a subject "you")."""
    lead, you, adverb, word = m.group(1), m.group(2), m.group(3) or "", m.group(4)
    fixed = {"is": "are", "has": "have", "was": "were", "does": "do", "goes": "go"}.get(word)
    if fixed is None and word.endswith("s") and word not in _EN_NOT_VERB and not re.search(r"(?:ss|us|is|ous)$", word):
        if word.endswith("ies") and len(word) > 4:
            fixed = word[:-3] + "y"
        elif re.search(r"(?:sh|ch|x|zz|ss|o)es$", word):
            fixed = word[:-2]
        else:
            fixed = word[:-1]
    return f"{lead}{you} {adverb}{fixed or word}"


def _en_theirs(role: str, other: str | None, message: str | None) -> bool | None:
    """Is this role noun the customer? True: say "you"; False: leave it; None: as the rules say."""
    if other:
        return False
    for pattern, shows, denies in _EN_EVIDENCED:
        if pattern.match(role):
            return bool(message and shows.search(message) and not (denies and denies.search(message)))
    if message and _EN_CARED.match(role) and _EN_KIN.search(message):
        return False  # "my mum is a resident": the resident is not the customer
    return None


_EN_LEFT = re.compile(r"\byou (?:whose|who)\b|\b(?:all|any|some|each|every)(?: [a-z]+ed)? you\b|\b(?:the|an?) you\b")
""""you whose", "all enrolled you": a role the rules turned halfway."""


def _en_to_you(clause: str, message: str | None) -> str:
    kept: list[str] = []

    def mark(m: re.Match[str]) -> str:
        theirs = _en_theirs(m.group("role"), m.group("other"), message)
        if theirs is None:
            return m.group()
        if theirs:  # the customer's own role, said the way the rules know it
            plural = m.group("role").lower().endswith("s") and m.group("role").lower() not in ("family",)
            return "customers" if plural else "customer"
        kept.append(m.group())
        return chr(0xE000 + len(kept) - 1)

    marked = _EN_ROLE.sub(mark, clause)
    said = _apply(marked, _EN_RULES)
    if said == marked:
        return clause  # no customer spoken of here: the fact's own words
    said = _EN_THEIR.sub("your", said)  # the customer was named here: "their" is theirs too, "they" is them
    said = re.sub(
        r"\bthey (?=leave|move|arrive|pay|call|ask|apply|book|need|want|have|are|were|wait|prefer|choose|like|wish"
        r"|decide|receive|return|collect|confirm|agree|reply|visit|come|go|stay|order|buy)",
        "you ",
        said,
    )
    said = re.sub(r"\bthey're\b", "you're", said)
    said = _EN_SUBJECT_YOU.sub(_agree, said)
    said = re.sub(r"\bthe (?=customers?\b)", "", said) if "customer" in said else said
    for i, words in enumerate(kept):
        said = said.replace(chr(0xE000 + i), words)
    if _EN_LEFT.search(said) or (
        re.search(r"\bcustomers?\b", said) and not re.search(r"\bcustomers?\b", clause)
    ):
        return clause  # a role the rules could not turn: the fact's own words
    return said


def _zh_theirs(role: str, other: bool, before: str, message: str | None) -> bool | None:
    if other:
        return False
    if role in _ZH_EVIDENCED:
        return bool(message and _ZH_EVIDENCED[role].search(message))
    if message and _ZH_CARED.fullmatch(role) and _ZH_KIN.search(message):
        return False
    if before and _ZH_QUALIFIED.search(before):
        return False  # 企业客户, 独居老人: a kind of customer the rules cannot say as 您; keep the words
    return None


_ZH_ROLE_AT = re.compile(
    rf"(?P<other>(?:{_ZH_OTHER})的?)?(?P<role>宽带用户|该用户|该客户|{_ZH_ROLE_ANY}){_ZH_NOT_PERSON}"
)


def _zh_to_you(text: str, message: str | None) -> str:
    kept: list[str] = []

    def mark(m: re.Match[str]) -> str:
        role = m.group("role")
        before = text[max(0, m.start() - 4) : m.start()]
        if _ZH_ASKED.match(text, max(0, m.start() - 3)) or _ZH_ASKED.match(text, max(0, m.start() - 2)):
            before = ""  # 报修业主: the one who reported
        if re.search(r"的(?:老年|年长|个人|新|老|普通|VIP|会员)$", text[: m.start()]):
            before = ""  # 行动不便的老年客户: the rules make it a condition
        if re.search(r"\d+岁以上的?[\u4e00-\u9fff]{0,4}$", text[: m.start()]):
            before = ""  # 65岁以上独居客户: the rules make it a condition
        theirs = _zh_theirs(role, bool(m.group("other")), before, message)
        if theirs is None:
            return m.group()
        if theirs:
            return (m.group("other") or "") + "客户"
        kept.append(m.group())
        return chr(0xE000 + len(kept) - 1)

    marked = _ZH_ROLE_AT.sub(mark, text)
    said = _apply(marked, _ZH_RULES)
    if said == marked:
        return text
    for i, words in enumerate(kept):
        said = said.replace(chr(0xE000 + i), words)
    if re.search(rf"{_ZH_ROLE_ANY}您|您{_ZH_ROLE_ANY}", said):
        return text  # 买家您, 您业主: a role left next to 您 is a garble; the fact's own words
    return said


def policy_to_you(text: str, language: Language, *, message: str | None = None) -> str:
    """A policy fact as said to the customer: 客户可… -> 您可…, "Customers can" -> "You can".

    ``message`` (the customer's own words) says whose role a policy's role noun is: a daughter calling
    about 老人 / "the resident" is not them; 买家 / "the buyer" is them when they write that they bought.
    Without it, only the roles that are the customer's in any case are turned. A role with another
    party's qualifier (楼上业主, 相邻住户, "other members") is never the customer."""
    if language == "zh":
        return _zh_to_you(text, message)
    clauses = re.split(r"(?<=[;.])\s+", text)
    return _sentence_case(" ".join(_en_to_you(clause, message) for clause in clauses))
