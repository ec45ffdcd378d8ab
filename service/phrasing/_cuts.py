"""What is left of a draft clause once its harmful words go: joined back, tidied, or turned into a
neutral note that keeps its facts (read by :mod:`._draft`)."""

from __future__ import annotations

import re

from service.phrasing._clauses import Clause, capitalize, strip_end
from service.schemas import Language
from service.verify._harm import HarmHit


def _spans(hits: list[HarmHit]) -> list[tuple[int, int]]:
    """The hits' spans, overlapping ones merged (removing two overlapping hits one after the other
    would cut into the words beside them: "建议您自行联系浦东网点" → "建议点")."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((h.start, h.end) for h in hits):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _remove(text: str, hits: list[HarmHit]) -> str:
    for start, end in reversed(_spans(hits)):
        text = text[:start] + text[end:]
    text = re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"\s{2,}", " ", text))
    return text.strip(" ，,;；")


def _content(text: str, language: Language) -> bool:
    core = re.sub(r"[\W_]+", "", text)
    return len(core) >= 3 if language == "zh" else len(text.split()) >= 3


_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:est|incl|approx|ref|nos?|vs|etc|dept|appt|acct|bal|e\.g|i\.e)\.$", re.I)


def _joined(all_clauses: list[Clause], text: str) -> list[Clause]:
    """A clause cut after an abbreviation ("Est." | "of $410 was based on ...") joined to what follows."""
    out: list[Clause] = []
    for clause in all_clauses:
        if out and _ABBREVIATION.search(out[-1].text):
            prev = out.pop()
            clause = Clause(text[prev.start : clause.end], prev.start, clause.end)
        out.append(clause)
    return out


_ZH_THIRD = [
    (re.compile(r"该(?:客户|顾客|买家|业主|住户|会员|车主)"), "您"),
    (re.compile(r"该(?=老人|孩子|学员|患者|宠物)"), ""),
]
_EN_NOTE_LEAD = re.compile(
    r"^(?:the\s+)?(?:customer|cust\.?|caller|client)\s+(?:rang|called|phoned|emailed|wrote(?:\s+in)?|"
    r"contacted\s+us|came\s+in|got\s+in\s+touch)\s+(?:re:?|about|regarding|to\s+report|to\s+say)\s*",
    re.I,
)


def _to_them(body: str, language: Language) -> str:
    """A note about the customer to colleagues ("Customer rang re: ...", "该客户…") said to them."""
    if language == "zh":
        for pattern, repl in _ZH_THIRD:
            body = pattern.sub(repl, body)
        return body
    m = _EN_NOTE_LEAD.match(body)
    if m:
        rest = body[m.end() :]
        det = "" if re.match(r"(?:the|a|an|your|their|his|her)\b", rest, re.I) else "the "
        body = "This is about " + det + rest
        body = re.sub(r"\b(?:on|for)\s+order\b", lambda x: x.group().split()[0] + " your order", body, count=1)
    return body


_ZH_TAIL = re.compile(
    r"(?:需由|须由|需要由|应由|由|被|把|将|给|对|向|与|和|跟|在|从|为|需|须|要|应|请|建议|并|且|及|以及|或)$"
)
_ZH_HEAD = re.compile(r"^(?:[了的过着地得、]|因此|所以|而且|并且|但是|但|并|且|和|与|及|或)")
_EN_TAIL = re.compile(r"\s*\b(?:and|or|but|of|to|by|the|a|an|for|with|from|on|at|as|so|because|which|who|that)$", re.I)
_EN_HEAD = re.compile(r"^(?:and|or|but|so|of|to|by|which|who|as|because|that)\b\s*", re.I)


_ZH_MODAL = re.compile(r"(?:建议|请|麻烦|需要|需|须|可以|可|应|应当|得|要|让|由)$")


_EN_SUBJECT = re.compile(r"^(?:you|we|i|they|it|this|our|please)\b", re.I)
_EN_SAFE_CUT = re.compile(
    r"(?:\band|\bor|\bbut|,)$|^(?:as|per|under|according|therefore|thus|hence|correctly|yourself|directly)\b", re.I
)


def _bad_cut(body: str, hits: list[HarmHit], language: Language) -> bool:
    """Taking the hits out cuts the sentence's grammar: a modal left without its verb ("建议|您自行联系|
    浦东网点…核实地址"), a subject and verb taken from the front ("You will need to call| Swiftline on …"),
    words glued across a cut in the middle ("all firmware releases| go through extensive testing| before
    rollout")."""
    for start, end in _spans(hits):
        before, after, cut = body[:start], body[end:], body[start:end].strip()
        if language == "zh":
            if _ZH_MODAL.search(before) and re.match(r"[\u4e00-\u9fffA-Za-z0-9]", after):
                return True
            continue
        if not re.search(r"\w", after):
            continue
        if not before.strip() and _EN_SUBJECT.match(cut):
            return True
        if re.search(r"\w", before) and not _EN_SAFE_CUT.search(cut):
            return True
    return False


def _zh_loose_de(core: str) -> bool:
    """A trailing 的 with nothing it belongs to (not the 是…的 of "师傅是上门查看的")."""
    return core.endswith("的") and "是" not in core


def _fragment(text: str, language: Language) -> bool:
    """What is left after a cut is not a sentence: it ends on a function word ("需由", "and", "of") or
    starts with a conjunction or preposition ("And the customer ...", "Of $410 ...")."""
    core = strip_end(text)
    if language == "zh":
        return bool(_ZH_TAIL.search(core) or _ZH_HEAD.match(core) or _zh_loose_de(core))
    return bool(_EN_TAIL.search(core) or _EN_HEAD.match(core))


def _tidy(text: str, language: Language) -> str:
    """A fragment trimmed to its fact-bearing part ("本次维修费用18,460元需由" → "本次维修费用为18,460元")."""
    core = strip_end(text)
    for _ in range(3):
        before = core
        if language == "zh":
            core = _ZH_HEAD.sub("", _ZH_TAIL.sub("", core)).strip(" ，,")
            core = core[:-1] if _zh_loose_de(core) else core
        else:
            core = _EN_HEAD.sub("", _EN_TAIL.sub("", core)).strip(" ,;")
        if core == before:
            break
    if language == "zh" and core != strip_end(text) and not re.search(r"为|是|共|约|已|将|会", core):
        # a subject and its figure with the verb cut away: the figure is what it comes to
        core = re.sub(r"(?<=[\u4e00-\u9fff])(?=[¥￥$£€]?\d[\d,.]*\s*(?:元|万元|块|美元|英镑|%)?$)", "为", core, count=1)
    return capitalize(core) if language == "en" else core


_EN_CONTACT = re.compile(
    r"\b(?:call|contact|ring|phone|text|email|reach|chase)\s+(?P<who>[A-Z][\w&' -]{1,40}?)\s+(?:on|at|via)\s+"
    r"(?P<num>\+?\d[\d ()-]{5,}\d)"
)
_ZH_CONTACT = re.compile(
    r"(?:联系|致电|拨打|找)(?P<who>[\u4e00-\u9fffA-Za-z]{2,14}?)[（(]?(?:电话|热线|客服电话)[:：]?(?P<num>[\d-]{7,})[）)]?"
)


def _contact(body: str, language: Language) -> re.Match[str] | None:
    """Who to call and on what number, in a clause that sends the customer to call them."""
    return (_ZH_CONTACT if language == "zh" else _EN_CONTACT).search(body)


def _fact_note(body: str, rest: str, language: Language) -> str:
    """The facts of a clause that went for its wording, said in a neutral clause of their own."""
    contact = _contact(body, language)
    if contact:
        who, num = contact.group("who").strip(), contact.group("num").strip()
        return f"{who}的电话是{num}" if language == "zh" else f"{who}'s number is {num}"
    tidy = _tidy(rest, language)
    if _content(tidy, language):
        return tidy
    return _tidy(body, language)


_RULE_PREP = re.compile(
    r"^(?:根据|依据|依照|遵照|按照|按|per|as\s+per|under|according\s+to|in\s+line\s+with|in\s+accordance\s+with|"
    r"pursuant\s+to)\s*",
    re.I,
)


def _reference(lead: str, language: Language) -> str:
    """A rule-wall lead ("根据《…》第7.2条，", "Per Section 4.2 of the Buyer Terms,") as a bare reference."""
    return strip_end(_RULE_PREP.sub("", lead.strip()))
