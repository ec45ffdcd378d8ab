"""Policy facts: who acts, by when, and how the agent says them to the customer.

Each fact is read once (:func:`read_fact`): its third person turned to "you" / 您, the agent's
own subject (客服, "the agent") turned to "I" / 我, a passive offer ("A home visit can be booked")
turned active ("I can book a home visit"), and classified:

- ``agent``: the agent does it (客服可为客户提交… -> 我可以为您提交…);
- ``customer``: only the customer can (可在App申请… -> 您可以在App申请…);
- ``process``: a team or the system does it, or it is how things work (财务在3个工作日内完成审核);
- ``assure``: a bad thing that will not happen (不影响征信, "not passed to collections");
- ``limit``: what is not possible (天气原因造成的延误不提供现金补偿).

Nothing is added that the fact does not say: the wording changes, the content does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from service.phrasing._clauses import capitalize, strip_end
from service.phrasing._person import ZH_ROLE_ANY, policy_to_you
from service.schemas import Language

FactKind = Literal["agent", "customer", "process", "assure", "limit"]

_ASSURES = re.compile(
    r"征信|信用|逾期|违约金|滞纳金|罚|催收|手续费|寄回|自行|证明|额外"
    r"|collections?|credit|late fee|penalt|charged|fees?\b"
    r"|paid|pay\b|reminders?|letters?",
    re.I,
)


@dataclass(frozen=True)
class Fact:
    id: str
    text: str
    """The fact as given."""
    said: str
    """The fact in the agent's voice, without an end mark."""
    kind: FactKind
    deadline: str
    """The time expression the fact gives ("24小时内", "within 2 hours"), or ''."""
    conditional: bool
    """The fact applies under a condition ("超过时效未到账的，…", "If the bank cannot…")."""


# --- deadlines ---------------------------------------------------------------------------
_ZH_NUM = r"(?:\d+(?:\.\d+)?(?:\s*[-–~至到]\s*\d+)?|[一二两三四五六七八九十半]+)"
_ZH_DEADLINE = re.compile(
    rf"(?:[^，。；、]{{0,8}}后)?{_ZH_NUM}\s*个?(?:工作日|自然日|小时|分钟|天|周|个月)(?:内|之内|以内)?"
    r"|(?:当天|当日|次日|今天)(?:\d{1,2}[:：]\d{2})?[^，。；、]{0,6}前"
    r"|(?:[^，。；、]{0,6}后)?(?:当天|当日|次日)\d{1,2}[:：]\d{2}(?:\s*[-–~至到]\s*\d{1,2}[:：]\d{2})?(?![\d后])"
    r"|\d{1,2}[:：]\d{2}前|[上下]午\d{1,2}点前"
    r"|到期日(?:（含）|\(含\))?(?:之?前)|到期前|当场|即时|立即|立刻|当天|当日|次日|每\d+小时|每天"
)
_EN_DEADLINE = re.compile(
    r"\bwithin (?:\d+(?:[-–]\d+)?|one|two|three|four|five|24|48) "
    r"(?:working |business |calendar )?(?:days?|hours?|minutes?|weeks?)"
    r"(?: of [a-z' ]{3,40}?(?=[,;.]|$))?"
    r"|\b(?:by|before) \d{1,2}(?::\d{2})?\s?(?:am|pm)(?: on a working day| the day before| today)?"
    r"|\bup to \d{1,2}(?::\d{2})?\s?(?:am|pm) the day before"
    r"|\b(?:on )?the same day\b|\bsame-day\b|\bthe next (?:working |available )?day\b|\bnext-day\b"
    r"|\bimmediately\b|\bat once\b|\bbefore the due date\b|\bfrom the next collection\b"
    r"|\bevery \d+ (?:minutes|hours)\b|\bon the morning of delivery\b|\bfrom day 1\b",
    re.I,
)


def find_deadline(text: str, language: Language) -> str:
    pattern = _ZH_DEADLINE if language == "zh" else _EN_DEADLINE
    found = [re.sub(r" of (?:me|I|the agent) \w+ing(?: it)?$", "", m.group().strip()) for m in pattern.finditer(text)]
    if language == "zh":  # 解约在提交后1个工作日内 -> 提交后1个工作日内 (the subject is not part of the time)
        found = [re.sub(r"^[^，。；、]{1,4}在(?=[^，。；、]*后)", "", f) for f in found]
    if not found:
        return ""
    bounded = [f for f in found if re.search(r"内|前|within|by|before|up to", f, re.I)]
    return (bounded or found)[0]


# --- Chinese -----------------------------------------------------------------------------
_ZH_AGENT = re.compile(
    r"(?:(?<=^)|(?<=[，；。由]))(?:首次受理的)?"
    r"(?:平台|门店|银行|酒店|在线)?(?:客服人员|客服专员|客服|坐席|工作人员|服务专员|物业服务中心|物业公司|物业)"
    r"(?:管家|客服|专员)?"
    r"(?!服务|公司|中心|工作时间|营业时间|服务时间|电话|热线|地址|邮箱|官网|微信|公众号|值班|的|人员)"
)
_ZH_COND = re.compile(r"^[^，；]{2,30}?(?:的|后|时|期间|以上|以内|内|前|如果[^，；]*|若[^，；]*)，")
_ZH_LIMIT = re.compile(
    r"不提供|不予|不能|不可以|不可(?![以能])|无法|不在[^，。]{0,8}范围|不对[^，。]{0,12}下结论|不接受|不支持|不退|不补偿|不赔"
)
_ZH_HELPED = "为帮给向与和跟在当立即马现于按每代替"
_ZH_CUSTOMER_VERBS = (
    "申请选择预约使用在通过查看查询兑换设置开启办理凭直接登录下载"
    "关闭取消修改绑定拨打联系携带持前往到领上传提交"
)


_ZH_TEAM = re.compile(
    r"^(?P<team>质量团队|工程师|技术人员|装维师傅|维修师傅|专员|专属顾问|理赔专员)(?:可以|可)(?P<rest>.+)$"
)


_ZH_ROLE = r"[\u4e00-\u9fff]{0,4}?(?:经理|主管|店长|负责人|药师|医生|老师|前台|管家)"
_ZH_OPTION = re.compile(rf"(?<![我您不即])可(?:以)?(先|直接|随时|自行|免费|在线|当场)?(?=[{_ZH_CUSTOMER_VERBS}])")


_ZH_SUBJECT = re.compile(rf"{ZH_ROLE_ANY}|人员|人士|商家|师傅|顾问|经理|门店|平台|院方|医生|老师")
_ZH_GIVES = re.compile(r"(?:回复|告知|告诉|提供|给出|显示|列出|发送|推荐|通知|确认)$")


def _customer_option(part: str, *, named: bool = False) -> str:
    """可申请… -> 您可以申请… (可以申请… when the clause or the sentence already names 您).

    Not when someone else is the subject (买家可申请, 独居老人或退休人员可申请: the policy's own words) or
    可 starts a noun (回复可选日期)."""
    lead = "可以" if named or "您" in part else "您可以"

    def said(m: re.Match[str]) -> str:  # 并可免费… -> 并可以免费… (the subject comes before 并)
        before = part[: m.start()]
        if (_ZH_SUBJECT.search(before.split("您")[-1]) and "您" not in before) or _ZH_GIVES.search(before):
            return m.group()
        joined = m.start() > 0 and part[m.start() - 1] in "并也还且又"
        return ("可以" if joined else lead) + (m.group(1) or "")

    return _ZH_OPTION.sub(said, part, count=1)


def _options(said: str) -> str:
    out: list[str] = []
    for sentence in re.split(r"(?<=；)", said):
        parts: list[str] = []
        for part in sentence.split("，"):
            named = any(re.search(r"您(?:可以|可|须|需)", p) for p in parts)
            parts.append(_customer_option(part, named=named))
        out.append("，".join(parts))
    return "".join(out)


def _zh_said(text: str, message: str | None = None) -> tuple[str, FactKind]:
    said = policy_to_you(strip_end(text), "zh", message=message)
    team = _ZH_TEAM.match(said)
    if team:
        said = f"我可以安排{team.group('team')}{team.group('rest')}"
    said = _ZH_AGENT.sub("我", said).replace("我方", "我们")
    said = re.sub(r"我(?:可以|可|能)", "我可以", said)
    said = re.sub(r"由我(?:来)?负责", "由我负责", said)  # 由客服负责联系 -> 由我负责联系 (never 由我会为您)
    said = re.sub(r"(?<!由)我(?:须|需要|需|应|将|负责)", "我会", said)
    said = re.sub(r"我(可以|会)(?:为您)?(直接|马上|立即)?代为", r"我\1\2帮您", said)
    said = re.sub(rf"我(可以|会)(?![{_ZH_HELPED}])(?![^，。；]*您)", r"我\1为您", said)
    said = re.sub(r"由我(?![们为帮给负代])", "由我为您", said) if "您" not in said.split("由我")[-1][:6] else said
    # A named colleague offers it: 值班经理可为您提供… -> 我可以请值班经理为您提供…
    said = re.sub(rf"^({_ZH_ROLE})可(?:以)?为(?=您)", r"我可以请\1为", said)
    # No subject: "可为您开通" is the agent's offer, "可申请" the customer's option.
    said = re.sub(r"(?<![我您])可(?:以)?为(?=您|原)", "我可以为", said)
    said = re.sub(r"(?<![我您])可(?:以)?(?=安排|提供|退还|退回|赔付|减免|免除)", "我可以为您", said)
    said = re.sub(r"(?<![我您])可(?:以)?(直接|马上|立即)?代为", r"我可以\1帮您", said)  # 可直接代为申请
    said = re.sub(r"(?<![我您])可(?:以)?补偿", "我可以补偿您", said)
    said = _options(said)
    said = re.sub(r"您(?:可|能)(?!以)", "您可以", said)
    if re.search(r"我(?:可以|会|现在|马上|为您|帮您|来)|由我(?!们)", said):
        kind: FactKind = "agent"
    elif re.search(r"您(?:可以|需要|需|须|应)|请您", said):
        kind = "customer"
    elif _ZH_LIMIT.search(main := _ZH_COND.sub("", said)) or re.search(r"不会|不影响|无需|不需要|不算", main):
        kind = "assure" if _ASSURES.search(main) else "limit"
    else:
        kind = "process"
    return said, kind


# --- English -----------------------------------------------------------------------------
_EN_AGENT = re.compile(
    r"\b(?:the agent|agents|an agent|the claim handler|the advisor|advisors|our staff)\b"
    r"|\b(?:customer service|customer support|the support team|our support team|support)\b(?= (?:can|may|will|must) )",
    re.I,
)
_EN_UI = re.compile(
    r" > |\bin the app\b|\bonline banking\b|\bvia the (?:tracking )?link\b|\bself-service\b|\bportal\b", re.I
)
_PARTICIPLES = {
    "made": "make", "sent": "send", "given": "give", "paid": "pay", "put": "put", "set up": "set up",
    "booked": "book", "cancelled": "cancel", "canceled": "cancel", "moved": "move", "refunded": "refund",
    "reissued": "reissue", "offered": "offer", "agreed": "agree", "registered": "register", "arranged": "arrange",
    "closed": "close", "ordered": "order", "changed": "change", "stopped": "stop", "posted": "post",
    "escalated": "escalate", "raised": "raise", "opened": "open", "added": "add", "removed": "remove",
    "waived": "waive", "credited": "credit", "replaced": "replace", "upgraded": "upgrade", "reset": "reset",
    "redirected": "redirect", "extended": "extend", "switched": "switch", "barred": "bar", "blocked": "block",
    "unlocked": "unlock", "reconnected": "reconnect", "collected": "collect", "held": "hold", "reserved": "reserve",
    "refunded in full": "refund in full",
}  # fmt: skip
_CUSTOMER_PARTICIPLES = {
    "exported", "downloaded", "viewed", "used", "seen", "checked", "found", "accessed", "uploaded", "submitted",
}  # fmt: skip
_CUSTOMER_THINGS = re.compile(
    r"^(?:a |an |the |your )?(?:claims?|requests?|applications?|complaints?|appeals?|forms?)\b", re.I
)
_EN_PASSIVE = re.compile(
    r"^(?P<np>(?:an?|the|any|your)?\s?[A-Za-z0-9' -]{2,60}?) (?P<modal>can|may|will) (?P<adv>(?:also|still|only) )?be "
    r"(?P<pp>[a-z]+(?: up| on| off)?)(?: or (?P<pp2>[a-z]+))?\b(?P<rest>.*)$"
)
_CUSTOMER_DOES = {
    "paid": "pay", "cancelled": "cancel", "canceled": "cancel", "skipped": "skip", "paused": "pause",
    "added": "add", "updated": "update", "changed": "change", "requested": "request", "joined": "join",
    "submitted": "submit", "uploaded": "upload", "collected": "collect", "turned on": "turn on",
    "turned off": "turn off", "renewed": "renew", "topped up": "top up", "resumed": "resume",
}  # fmt: skip
"""What a passive offer lets the customer do themselves: "Tuition can be paid in 4 instalments" -> "You can pay"."""
_EN_YOU_ADDED = re.compile(r"\byou (can|may|will) be (added to|put on|moved to|switched to)\b")
_EN_YOU_PASSIVE = re.compile(
    r"\byou (can|may|will) be (given|offered|sent|registered as|registered|put through to|called)\b"
)
_EN_LIMIT = re.compile(
    r"\b(?:cannot|can't|can not|is not|are not|isn't|aren't|not eligible|no longer|must not|never)\b", re.I
)
_EN_COND = re.compile(r"^(?:if|when|while|during|after|once|on|for|where)\b[^,;]*,\s*", re.I)


_EN_TEAM = re.compile(
    r"^(?P<team>(?:our |the |an? )?(?:engineers?|technicians?|the fraud team|fraud team|the payments team|payments team"
    r"|the care team|care team|the claims team|claims team|a specialist|specialists|the bereavement team"
    r"|(?:mortgage |financial )?advis[eo]rs?|pharmacists?|(?:club |duty |store |branch )?managers?"
    r"|(?:the )?(?:operations|baggage|billing|technical|tech|accounts|booking|returns) team))"
    r" (?P<modal>can|will) (?P<rest>.+)$",
    re.I,
)


_YOURS = re.compile(
    r"\b(?:a|an|the) ((?:overdue |new |current |existing |disputed )?)"
    r"(booking|order|account|claim|membership|bill|contract|refund|parcel|line|card|case|appointment|subscription)\b"
)


def _en_said(text: str, message: str | None = None) -> tuple[str, FactKind]:
    said = policy_to_you(strip_end(text), "en", message=message)
    team = _EN_TEAM.match(said)
    if team:
        name = re.sub(r"^(?:our|the|an?)\s+", "", team.group("team"), flags=re.I).lower()
        said = f"I can ask our {name} to {team.group('rest')}"
    said = re.sub(  # the agent as an object: "by phone with an agent" -> "with me"
        r"\b(with|to|from|for|ask|call|contact|tell)\s+(?:the agent|an agent|an advisor|the advisor)\b",
        r"\1 me",
        said,
        flags=re.I,
    )
    said = _EN_AGENT.sub("I", said)
    said = re.sub(r"\bI (?:must|should|will)\b", "I will", said)
    said = re.sub(r"\bI may\b", "I can", said)
    said = re.sub(r"\bI owns\b", "I own", said)
    said = re.sub(r"\bI (?:is|are)\b", "I am", said)
    said = re.sub(r"\bby I\b", "by me", said)
    said = re.sub(r"\bof I (?=\w+ing\b)", "of me ", said)
    said = _EN_YOU_ADDED.sub(
        lambda m: (
            f"I {'can' if m.group(1) == 'may' else m.group(1)} "
            + {
                "added to": "add you to",
                "put on": "put you on",
                "moved to": "move you to",
                "switched to": "switch you to",
            }[m.group(2)]
        ),
        said,
    )
    said = _EN_YOU_PASSIVE.sub(
        lambda m: (
            f"I {'can' if m.group(1) == 'may' else m.group(1)} "
            + {
                "given": "give you",
                "offered": "offer you",
                "sent": "send you",
                "registered as": "register you as",
                "registered": "register you",
                "put through to": "put you through to",
                "called": "call you",
            }[m.group(2)]
        ),
        said,
    )
    cond = _EN_COND.match(said)
    lead, body = (said[: cond.end()], said[cond.end() :]) if cond else ("", said)
    m = _EN_PASSIVE.match(body)
    if m and re.search(r" and (?:arrives?|takes?|reach(?:es)?|goes|go|is|are|gets?|comes?|lasts?)\b", m.group("rest")):
        m = None  # "can be ordered by post and arrive within…": the subject does the second verb
    adv = m.group("adv") or "" if m else ""
    if m and m.group("pp2") and not (m.group("pp") in _CUSTOMER_DOES and m.group("pp2") in _CUSTOMER_DOES):
        m = None  # "can be skipped or paused": both the customer's, else the policy's own words
    if m and m.group("pp") in _CUSTOMER_DOES and not _EN_LIMIT.search(m.group("np")) and not re.match(
        r"^\s+(?:by|for) (?:me|us|(?:the |an |our )?(?:agents?|advisors?|staff|team))\b", m.group("rest"), re.I
    ):
        np = m.group("np").strip()
        np = np[0].lower() + np[1:] if np[:1].isupper() and not np[1:2].isupper() else np
        verb = _CUSTOMER_DOES[m.group("pp")] + (f" or {_CUSTOMER_DOES[m.group('pp2')]}" if m.group("pp2") else "")
        body = f"{'you' if lead else 'You'} can {adv}{verb} {np}{m.group('rest')}"
    elif m and m.group("pp") in _PARTICIPLES and _EN_UI.search(body):
        np = m.group("np").strip()
        np = np[0].lower() + np[1:] if np[:1].isupper() and not np[1:2].isupper() else np
        body = f"{'you' if lead else 'You'} can {_PARTICIPLES[m.group('pp')]} {np}{m.group('rest')}"
    elif m and m.group("pp") in ("made", "submitted", "filed", "raised") and _CUSTOMER_THINGS.match(m.group("np")):
        np = m.group("np").strip()
        np = np[0].lower() + np[1:] if np[:1].isupper() and not np[1:2].isupper() else np
        body = f"{'you' if lead else 'You'} can {adv}make {np}{m.group('rest')}"
    elif m and m.group("pp") in _PARTICIPLES and not _EN_LIMIT.search(m.group("np")):
        np = m.group("np").strip()
        np = np[0].lower() + np[1:] if np[:1].isupper() and not np[1:2].isupper() else np
        modal = "can" if m.group("modal") == "may" else m.group("modal")
        rest = re.sub(r"^\s+by (?:me|(?:the |an |our )?(?:agents?|advisors?|staff))\b", "", m.group("rest"), flags=re.I)
        body = f"I {modal} {adv}{_PARTICIPLES[m.group('pp')]} {np}{rest}"
    elif m and m.group("pp") in _CUSTOMER_PARTICIPLES:
        np = m.group("np").strip()
        np = np[0].lower() + np[1:] if np[:1].isupper() and not np[1:2].isupper() else np
        body = f"{'you' if lead else 'You'} can {adv}{_base(m.group('pp'))} {np}{m.group('rest')}"
    said = lead + (body if lead else capitalize(body))
    said = re.sub(r"\bI\b", "I", said)
    if re.search(r"\b(?:I|we) (?:can|will|own|am|'ll)\b", said, re.I):
        kind: FactKind = "agent"
        said = _YOURS.sub(lambda m: "your " + (m.group(1) or "") + m.group(2), said)
    elif re.search(r"\byou (?:can|may|need to|should|must|will need to)\b", said, re.I):
        kind = "customer"
    elif _EN_LIMIT.search(said) or re.search(r"\b(?:do|does) not\b|\bno (?:need|charge)\b", said):
        kind = "assure" if _ASSURES.search(said) else "limit"
    else:
        kind = "process"
    return said, kind


def _base(participle: str) -> str:
    return {"seen": "see", "found": "find", "used": "use", "accessed": "access"}.get(participle, participle[:-2])


def read_fact(fact_id: str, text: str, language: Language, *, message: str | None = None) -> Fact:
    """``message``: the customer's own words, to know whose role a policy's role noun is (see
    :func:`policy_to_you`); without it only the roles that are the customer's in any case are turned."""
    said, kind = _zh_said(text, message) if language == "zh" else _en_said(text, message)
    cond = bool(_ZH_COND.match(said) if language == "zh" else _EN_COND.match(said))
    return Fact(id=fact_id, text=text, said=said, kind=kind, deadline=find_deadline(said, language), conditional=cond)


def read_facts(policy: list[str], language: Language, *, message: str | None = None) -> list[Fact]:
    return [read_fact(f"P{i}", text, language, message=message) for i, text in enumerate(policy, start=1)]
