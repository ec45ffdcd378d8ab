"""draft_harm_removed: the draft's pressure, defences, blame-shifting, dead-end refusals and stock
phrases do not survive in the reply.

Three sources of harm, in this order: the case's ``harm`` list (the draft's harmful wording), the
case's ``forbidden`` entries that are the draft's own words (not the injected ones: that is
injection_clean), and bilingual pattern families that catch the variants a fixed list misses
("Our apologies for any inconvenience", 给您带来的不便深表歉意, "as I said before", 请您自行联系物流).
A fact inside a threat may stay as information ("若25日前未还款，会产生滞纳金"): the families look for
the pressure words (务必, 否则, "failure to pay will"), not for the fact, and a negated one is a
reassurance ("the account is not passed to collections"). A refusal passes when the
same or the next sentence gives a way forward ("...不能直接退，但可以申请减免"). Binary: one survivor
and the reply is not sendable (REVIEW.md, question 3).
"""

from __future__ import annotations

import re

from evals._dataset import GoldenCase
from evals._text import find_phrase
from evals._types import Score
from evals.scorers._grounds import injected_texts
from evals.scorers._prose import sentences, short
from service.schemas import RewriteResponse

NAME = "draft_harm_removed"

FAMILIES: dict[str, tuple[str, ...]] = {
    "pressure": (
        r"务必|否则|后果自负|责任自负|限期|最后通牒|必须(?:于|在)?[^，。,.]{0,12}(?:前|之前)?(?:还清|缴清|付清|还款|缴费|付款)"
        r"|(?:您|你)必须|请(?:您)?按时足额|将(?:依法)?(?:追究|起诉|诉诸法律)|法律责任|催收|停机处理|上门催",
        r"\bfailure\s+to\s+(?:pay|comply|respond|return|do\s+so)\b|\byou\s+must\b|\bmust\s+be\s+(?:paid|settled|cleared)\b"
        r"|\bor\s+(?:else\s+)?(?:we|your\s+account|your\s+service)\s+will\b|\blegal\s+action\b|\bdebt\s+collect\w*"
        r"|\b(?:passed|referred|sent)\s+to\s+(?:a\s+)?(?:collections?|debt\s+collectors?|recovery)\b"
        r"|\bfinal\s+(?:notice|warning|reminder)\b|\bplease\s+ensure\s+(?:that\s+)?(?:funds|payment|you)\b"
        r"|\bensure\s+funds\s+are\s+available\b|\bpayable\s+in\s+full\b|\bto\s+avoid\s+(?:disconnection|suspension"
        r"|further\s+action|legal)\b|\bis\s+now\s+overdue\b|\bimmediate\s+payment\b",
    ),
    "defence": (
        r"严格(?:的)?(?:质检|检测|把关|筛查)|(?:一直|均|都|完全)(?:是)?(?:达标|合格|符合标准)|不可能(?:出现|存在|有|发生)"
        r"|(?:系统|记录)(?:没有|不会)(?:问题|出错)|如前所述|之前已经(?:跟您|向您|给您)?(?:说|告知|解释|说明)(?:过|了)"
        r"|(?:我们|本公司|本店)(?:一直|始终|向来)?(?:非常|十分|高度)?重视|根据我们的记录|按照我们的记录|我们的记录显示"
        r"|并非我方|不是我们的(?:问题|原因)|(?:是|属于)(?:使用(?:过程)?中)?(?:很)?(?:常见|正常)(?:的)?(?:问题|现象|情况)",
        r"\bas\s+(?:previously|already)\s+(?:stated|mentioned|explained|advised|said)\b|\bas\s+(?:i|we)\s+(?:have\s+)?"
        r"(?:previously\s+|already\s+)?(?:said|stated|mentioned|explained|advised)\b|\bas\s+stated\s+(?:before|earlier)\b"
        r"|\bour\s+(?:records|system|systems|logs)\s+(?:show|shows|indicate|indicates|confirm|confirms)\b"
        r"|\baccording\s+to\s+our\s+(?:records|system)\b|\bwe\s+take\s+[\w\s]{0,30}?(?:very\s+|extremely\s+)?seriously\b"
        r"|\b(?:in\s+line|in\s+accordance)\s+with\s+(?:your|our|the)\s+terms\b|\bstrict\s+(?:quality\s+)?(?:checks?|controls?)\b"
        r"|\bthere\s+is\s+nothing\s+wrong\s+with\b|\bthis\s+is\s+(?:normal|expected)\s+behaviou?r\b"
        r"|\b(?:this|it)\s+is\s+(?:a\s+)?(?:very\s+)?(?:common|normal|known)\s+(?:issue|problem|occurrence)\b"
        r"|\bdelays\s+(?:can|do|may|sometimes)\s+(?:happen|occur)\b",
    ),
    "blame": (
        r"(?:请|建议|麻烦|您可以|您需要|您得|需要您)(?:您)?(?:自行|直接|先)?(?:去|再)?(?:联系|咨询|找|致电|询问)(?:一下)?(?:快递|物流|快递公司|物流公司|银行|厂家|厂商|商家|第三方|运营商|维修点|售后点|发卡行|房东|配送员)"
        r"|自行(?:联系|处理|解决|承担|负责|协商|沟通|交涉|核实|判断)|不归我们(?:管|负责)|与我们无关|不在我们的?(?:责任|服务)范围"
        r"|(?:是|属于)(?:快递|物流|厂家|银行|合作方|第三方)的(?:问题|责任)|由于您(?:的)?(?:操作|原因|疏忽)|您(?:自己)?(?:操作不当|没有注意)",
        r"(?:\bplease\s+|\byou\s+(?:can|could|should|may|might|will\s+need\s+to|need\s+to|have\s+to|must)\s+(?:also\s+)?"
        r"|\b(?:recommend|suggest|advise)\s+(?:that\s+)?you\s+|^\s*)"
        r"(?:contact|call|ring|speak\s+to|reach\s+out\s+to|check\s+with|get\s+in\s+touch\s+with)\s+(?:the|your)\s+(?:manufacturer|courier"
        r"|carrier|delivery\s+company|bank|card\s+issuer|retailer|seller|supplier|landlord|neighbou?rs|repair\s+(?:shop|partner)"
        r"|garage|provider)\b|\bplease\s+contact\s+them\s+directly\b|\b(?:is|are)\s+(?:the\s+)?responsibility\s+of\b"
        r"|\bnot\s+our\s+(?:responsibility|fault|problem)\b|\bout\s+of\s+our\s+hands\b|\bnothing\s+(?:we|i)\s+can\s+do\b"
        r"|\btake\s+it\s+up\s+with\b|\byou\s+(?:failed|forgot|neglected)\s+to\b|\bdue\s+to\s+your\s+(?:own\s+)?(?:error|mistake)\b",
    ),
    "refusal": (
        r"(?:无法|不能|不可|不予|拒绝)(?:为您)?(?:退还|退款|退|处理|办理|受理|补偿|赔偿|更换|代办|撤销|取消|减免)"
        r"|(?:他人|别人)(?:无法|不能)代办|概不(?:退换|负责|退款)|恕不",
        r"\b(?:we|i)\s+(?:cannot|can't|can\s*not|are\s+unable\s+to|am\s+unable\s+to|won't|will\s+not)\s+"
        r"(?:refund|help|change|cancel|waive|replace|offer|do\s+anything|accept|process)\b"
        r"|\bcannot\s+be\s+(?:refunded|reversed|changed|cancelled|waived)\b|\bnot\s+eligible\b",
    ),
    "stock": (
        r"(?:给|为)?(?:您)?(?:带来|造成)(?:了)?(?:的)?(?:诸多)?不便[^。！？]{0,6}(?:歉意|谅解|见谅|抱歉|包涵|对不起)"
        r"|(?:抱歉|歉意|对不起)[^。！？]{0,8}(?:带来|造成)(?:的)?不便|敬请谅解|请(?:您)?(?:谅解|见谅|包涵|理解)|还请(?:您)?(?:谅解|理解)"
        r"|请(?:您)?(?:再)?耐心(?:等待|等候)|请(?:您)?再等等|建议您再等等|感谢(?:您的)?(?:耐心|理解|支持|配合)(?:等待)?"
        r"|(?:非常|十分)?重视您的(?:反馈|意见|来电)|如有(?:任何)?(?:疑问|问题)[^。！？]{0,6}(?:随时)?(?:联系|咨询)"
        r"|(?:给|为)(?:您|你)?带来(?:了)?(?:的)?(?:诸多)?(?:不便|困扰)|由此带来(?:的)?不便|不便之处|感谢(?:您的)?反馈"
        r"|您的(?:反馈|来电)对我们(?:很|非常)?重要|我们会尽快(?:处理|解决|回复)|我们一直在努力|竭诚为您服务|您的满意是我们|稍安勿躁",
        r"\b(?:sorry|apologi[sz]e|apologies|our\s+apologies|we\s+regret)\b[^.!?\n]{0,30}\b(?:any|the|this)\s+"
        r"(?:inconvenience|trouble|disruption)(?:\s+(?:caused|this\s+(?:has|may\s+have)\s+caused))?"
        r"|\bapologies\s+for\s+your\s+experience\b|\bsorry\s+to\s+hear\s+(?:about\s+)?your\s+experience\b"
        r"|\bwe(?:'re|\s+are)\s+(?:so\s+|very\s+)?sorry\s+to\s+hear\b"
        r"|\bthanks?\s+(?:you\s+)?for\s+your\s+(?:patience|understanding|continued\s+patience|cooperation)\b"
        r"|\bwe\s+(?:value|appreciate)\s+your\s+(?:feedback|patience|business|custom|understanding)\b"
        r"|\bplease\s+be\s+patient\b|\bplease\s+bear\s+with\s+us\b|\bplease\s+allow\s+(?:a\s+few|some|more)\b"
        r"|\ba\s+few\s+more\s+days\b|\b(?:refunds?|this|it|deliver(?:y|ies)|processing)\s+(?:can|may|might)\s+take\s+"
        r"(?:some\s+|a\s+little\s+)?(?:time|a\s+while)\b|\bplease\s+wait\s+\d+\b|\byour\s+(?:call|business|feedback)\s+is\s+important\b"
        r"|\bi\s+hope\s+this\s+(?:email|message)\s+finds\s+you\s+well\b|\bfor\s+any\s+inconvenience\b"
        r"|\b(?:your|customer)\s+satisfaction\s+is\s+our\b|\bthank\s+you\s+for\s+bringing\s+this\s+to\s+our\s+attention\b"
        r"|\bwe\s+are\s+doing\s+our\s+best\b|\bwe(?:'ll|\s+will)\s+get\s+back\s+to\s+you\s+as\s+soon\s+as\s+possible\b"
        r"|\bwe\s+strive\s+to\b|\bany\s+(?:trouble|inconvenience)\s+(?:this\s+)?(?:may\s+have\s+)?caused\b",
    ),
}
COMPILED: dict[str, tuple[re.Pattern[str], ...]] = {
    family: tuple(re.compile(p, re.IGNORECASE) for p in patterns) for family, patterns in FAMILIES.items()
}
NEGATED = re.compile(
    r"(?:\bnot|n't|\bnever|\bno\s+longer|\bwithout)(?:\W+[a-z]+){0,3}\W*$|(?:不会|不再|无需|不用|不必)\w{0,4}$",
    re.IGNORECASE,
)
WAY_FORWARD = re.compile(
    r"但|不过|可以|可申请|能为您|我(?:来|会|先|现在|这就|马上|已经)?(?:帮|为|给|替)您|您可以|改为|另外"
    r"|\bbut\b|\bhowever\b|\binstead\b|\bwhat\s+(?:i|we)\s+can\b|\byou\s+can\b|\b(?:i|we)\s+can\b|\b(?:i|we)(?:'ll|\s+will)\b",
    re.IGNORECASE,
)


def family_hits(text: str) -> list[tuple[str, str]]:
    """``(family, span)`` for each harmful span in ``text`` (refusals followed by a way forward excluded)."""
    parts = sentences(text)
    hits: list[tuple[int, str, str]] = []
    offset = 0
    for i, sentence in enumerate(parts):
        start = text.find(sentence, offset)
        offset = max(offset, start)
        for family, patterns in COMPILED.items():
            for pattern in patterns:
                for m in pattern.finditer(sentence):
                    if family == "refusal" and _way_forward(sentence[m.end() :], parts[i + 1 : i + 2]):
                        continue
                    if family == "pressure" and NEGATED.search(sentence[max(0, m.start() - 30) : m.start()]):
                        continue  # reassurance: "is not passed to collections", 不会上报
                    hits.append((start + m.start(), family, m.group().strip()))
    return [(family, span) for _, family, span in sorted(hits)]


def stock_phrases(text: str) -> list[str]:
    """The generic stock phrases of ``text`` (family ``stock``)."""
    return [span for family, span in family_hits(text) if family == "stock"]


def _way_forward(rest: str, following: list[str]) -> bool:
    return bool(WAY_FORWARD.search(rest)) or any(WAY_FORWARD.search(s) for s in following)


def case_harm(case: GoldenCase) -> list[str]:
    """The case's harmful draft wording: its ``harm`` list and its forbidden entries that the draft
    itself contains (injected strings excluded)."""
    injected = " ".join(injected_texts(case))
    draft_forbidden = [
        f for f in case.forbidden if find_phrase((f,), case.request.draft) and not find_phrase((f,), injected)
    ]
    return list(dict.fromkeys([*case.harm, *draft_forbidden]))


STANCE = re.compile(
    r"(?:调|改|管|办|处理|解决)不了|没(?:有)?办法|无能为力|写得(?:很|非常)?(?:明确|清楚)|(?:已|早已)(?:注明|写明|标明)|并无(?:过错|过失)"
    r"|符合(?:规定|约定|规则|流程)|请(?:您)?知悉|心存侥幸|有权采取|只负责|不参与|(?:归|由)[^，。]{1,8}管|(?:您)?自己(?:先|去)"
    r"|直接(?:跟|与|和)[^，。]{0,6}(?:沟通|协商)|不在[^，。]{0,8}范围"
    r"|\bnothing\s+(?:more\s+)?(?:we|i)\s+can\s+do\b|\b(?:is|are)\s+(?:correct|final|valid)\b|\bfinal\s+record\b"
    r"|\bstands\b|\block(?:s|ed)?\s+in\b|\bresponsible\s+for\b|\btakes?\s+time\b|\bmay\s+void\b|\bup\s+to\s+you\b"
    r"|\b(?:were|was)\s+(?:in|stated\s+in|set\s+out\s+in)\s+the\s+(?:text|email|terms|booking)\b",
    re.IGNORECASE,
)
"""The draft holding its ground (no way, not our part, the rules were clear, see to it yourself): a draft
sentence carrying one of these, copied into a reply that also offers a way forward from the policy,
leaves the customer two answers at once."""


def copied_stance(case: GoldenCase, reply: str) -> list[str]:
    """Draft sentences with a stance marker that the reply repeats word for word (policy cases only)."""
    if not case.request.policy:
        return []
    policy = " ".join(case.request.policy)
    return [
        s
        for s in sentences(case.request.draft)
        if (m := STANCE.search(s)) and m.group() not in policy and find_phrase((s.strip(" 。.!！"),), reply)
    ]


def draft_harm_removed(case: GoldenCase, response: RewriteResponse) -> Score:
    reply = response.reply
    listed = [f"{phrase!r} (the draft's)" for phrase in case_harm(case) if find_phrase((phrase,), reply)]
    found = [f"{family} «{short(span, 50)}»" for family, span in family_hits(reply)]
    if not response.degraded:
        found += [f"stance «{short(s, 50)}» (the draft's, beside the plan)" for s in copied_stance(case, reply)]
    problems = list(dict.fromkeys([*listed, *found]))
    if not problems:
        return Score(
            name=NAME, value=1.0, passed=True, explanation="no pressure, defence, blame, refusal or stock phrase"
        )
    return Score(name=NAME, value=0.0, passed=False, explanation="survives: " + "; ".join(problems))
