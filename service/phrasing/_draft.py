"""The draft's own words: what stays, what goes, what becomes information after the plan.

Clause by clause (``service/data/harm.yaml``): greetings go (the reply has its own); stock phrases,
stalling, defences, blame and pressure go; a refusal goes when the plan offers a way forward; a
threat's consequence, and any figure or date a dropped clause alone carried, stay as information
placed after the plan, with the pressure words taken out. Everything else is kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from service.phrasing._clauses import Clause, capitalize, clauses, end_with, strip_end
from service.phrasing._cuts import (
    _RULE_PREP,
    _bad_cut,
    _contact,
    _content,
    _fact_note,
    _fragment,
    _joined,
    _reference,
    _remove,
    _to_them,
)
from service.phrasing._draft_checks import (
    _LATIN_SENTENCE,
    _REQUEST,
    already_done,
    asked_again,
    cannot_do,
    done_for_them,
    superseded,
)
from service.schemas import Language
from service.verify import quantities_of, text_facts, unsupported
from service.verify._facts import Fact, key_facts, lost_facts
from service.verify._harm import HARMFUL, STANCE, find_harm


@dataclass
class DraftParts:
    body: list[str] = field(default_factory=list)
    """Sentences of the draft kept as they are (lead-ins and dropped clauses removed)."""
    notes: list[str] = field(default_factory=list)
    """Information from pressure or threat clauses, neutralised, for after the plan."""
    threat: bool = False
    """A note carries a threat's consequence (the plan helps avoid it)."""
    dropped: list[tuple[str, str]] = field(default_factory=list)
    """(kind, clause) of every clause that went."""


_Rule = tuple[re.Pattern[str], "str | Callable[[re.Match[str]], str]"]
_ZH_NEUTRAL: list[_Rule] = [
    (re.compile(r"^(?:请您?|您)?(?:务必|一定要|必须)"), "需"),
    (re.compile(r"(?:请您?|您)?(?:务必|一定要|必须)"), ""),
    (re.compile(r"^否则(?:将|会)?"), "如果到期未能办理，将"),
    (re.compile(r"^不然(?:的话)?(?:将|会)?"), "如果到期未能办理，将"),
    (re.compile(r"以免"), "避免"),
    (re.compile(r"(?:不予|概不|一律不)(?=退还|退回|退款|返还)"), "将不"),
    (re.compile(r"我司|本公司|我行|本行"), "我们"),
    (re.compile(r"^请(?:您)?(?:于|在)(?=[^，。]{1,14}前)"), "本期原定"),
    (re.compile(r"^(?:请|需)?(?:尽快|立即|马上)"), "需"),
]
_EN_NEUTRAL: list[_Rule] = [
    (
        re.compile(
            r"^failure to (?:pay|repay|make (?:the |your |a )?(?:re)?payment)(?: on time)? will result in", re.I
        ),
        "If a payment is missed, there is",
    ),
    (
        # "Failure to pay the full balance by 05/09 will result in": the date stays
        re.compile(
            r"^failure to (?:pay|repay|settle|clear)\s+(?P<what>(?:the |your )?[^,]*?)\s*"
            r"(?P<by>\b(?:by|before|on|within)\s+[^,]+?) will result in",
            re.I,
        ),
        lambda m: f"If {m.group('what') or 'the balance'} is not paid {m.group('by')}, there will be",
    ),
    (
        # "Pay in full by Fri or unit contents will proceed to lien sale": the condition, then what follows
        re.compile(r"^(?:please\s+)?(?:pay|settle|clear)\b(?P<rest>[^,]*?),?\s+or\s+(?:else\s+)?", re.I),
        lambda m: f"If the balance is not paid{m.group('rest')}, ",
    ),
    (
        re.compile(
            r",?\s*\b(?:per|as per|under|according to|in line with|in accordance with)\s+(?:your|our|the)\s+"
            r"(?:[\w-]+\s+){0,3}?(?:terms|policy|contract|agreement|t&cs|conditions)\b",
            re.I,
        ),
        "",
    ),
    (re.compile(r"^failure to [^,]+? will result in", re.I), "If this is not done, there is"),
    (re.compile(r"\band may be reported\b", re.I), "and it may be reported"),
    (re.compile(r"\b(?:is|are) payable in full by\b", re.I), "are due by"),
    (re.compile(r"\bmust be paid by\b", re.I), "is due by"),
    (re.compile(r"\bplease (?:ensure|make sure)(?: that)?\s*", re.I), ""),
    (re.compile(r"^please allow (?:up to )?", re.I), "It can take up to "),
    (re.compile(r"\byou must\b", re.I), "you'll need to"),
    (re.compile(r"\b(is|are) now (?:overdue|past due|in arrears)\b", re.I), r"\1 showing as unpaid"),
]


def neutralise(text: str, language: Language) -> str:
    """Pressure words out of a note; a rewording that would lose a figure, date or name the note
    carries is not applied (the final gate counts them)."""
    rules = _ZH_NEUTRAL if language == "zh" else _EN_NEUTRAL
    for pattern, repl in rules:
        changed = pattern.sub(repl, text, count=1)
        if changed != text and not lost_facts(text, changed):
            text = changed
    text = text.strip(" ，,")
    return capitalize(text) if language == "en" else text


def read_draft(
    draft: str,
    language: Language,
    *,
    has_plan: bool,
    known: list[str],
    customer_message: str = "",
    policy: list[str] | None = None,
    agent_facts: list[str] | None = None,
) -> DraftParts:
    """Split ``draft`` into what the reply keeps, notes for after the plan, and what it drops.

    ``known`` are texts the reply will carry anyway (policy facts): a figure they give is not lost
    when its draft clause goes. No figure, date, ID, link or quoted name the final gate counts
    (``service/verify/_facts.py``) is lost: a clause dropped for its wording that alone carried one is
    kept without the wording, or its facts are said in a neutral clause after the plan.
    """
    parts = DraftParts()
    text = text_facts(draft).clean
    all_clauses = _joined(clauses(text), text)
    kept: list[tuple[Clause, str]] = []
    gone: list[tuple[Clause, str, str, str]] = []
    """(clause, kind, body, what is left without the harmful words) of every clause that went."""
    references: list[str] = []
    """Rule-wall leads taken off that alone carried a fact (their reference is said after the plan)."""
    tainted: set[int] = set()
    """Sentences (by the offset of their end) that lost a defence, blame or refusal clause."""
    ours = {
        m.end()
        for m in re.finditer(r"[^。！？.!?\n]+[。！？.!?\n]?", text)
        if agent_facts and done_for_them(m.group().strip(), agent_facts) and not text_facts(m.group()).quantities
    }
    """Sentences the agent carries out instead of the customer (dropped whole)."""
    facts = key_facts(text)

    def carried(body: str) -> list[Fact]:
        return [f for f in facts if re.search(rf"(?<![0-9A-Za-z.]){re.escape(f.text)}(?![0-9A-Za-z])", body, re.I)]

    def drop(kind: str, clause: Clause, body: str, rest: str = "") -> None:
        parts.dropped.append((kind, body))
        gone.append((clause, kind, body, rest))

    for clause in all_clauses:
        hits = find_harm(clause.text, language)
        kinds = {h.kind for h in hits}
        body = clause.text
        if "greeting" in kinds and not _content(_remove(body, [h for h in hits if h.kind == "greeting"]), language):
            drop("greeting", clause, body)
            continue
        others = [c.text for c in all_clauses if c is not clause] + known
        lead = [h for h in hits if h.kind in ("strip", "greeting")]
        if lead:
            stripped = _remove(body, lead)
            ref = [h for h in lead if h.kind == "strip" and _RULE_PREP.match(h.text)]
            if ref and lost_facts(body, "\n".join([stripped, *others])):
                references.append(_reference(ref[0].text, language))
            body = capitalize(stripped) if language == "en" else stripped
            if not _content(body, language) and not carried(body):
                continue
        styled = _to_them(body, language)
        if styled != body:
            body = styled
        hits = find_harm(body, language)
        kinds = {h.kind for h in hits}
        if not has_plan:
            hits = [h for h in hits if h.kind != STANCE]
            kinds = {h.kind for h in hits}
        harmful = [h for h in hits if h.kind in HARMFUL | {STANCE}]
        done = [h for h in hits if h.kind == "done" and already_done(h, customer_message, language)]
        if done and not carried(body):
            drop("already done", clause, body)
            continue
        if cannot_do(body, customer_message) and not carried(body):
            drop("not possible for the customer", clause, body)
            continue
        if asked_again(body, customer_message, language) and not carried(body):
            drop("already done", clause, body)
            continue
        if _sentence_end(text, clause) in ours:
            drop("the agent does it for them", clause, body)
            continue
        if policy and superseded(body, policy):
            pieces = re.split(r"\s+and\s+|，(?=[^，]{4,})", body)
            left = [p for p in pieces if not superseded(p, policy)]
            lost_pieces = [p for p in pieces if p not in left]
            pool = quantities_of([*left, *known])
            if not unsupported(text_facts(body).quantities, pool):
                parts.dropped.append(("superseded by the policy", "; ".join(lost_pieces) or body))
                if not left or len(left) == len(pieces):
                    gone.append((clause, "superseded by the policy", body, ""))
                    continue
                body = (" and " if language == "en" else "，").join(left)
        english = language == "zh" and not re.search(r"[\u4e00-\u9fff]", body) and _LATIN_SENTENCE.search(body)
        if english and not carried(body):
            drop("in English", clause, body)
            continue
        if not harmful or (kinds & HARMFUL == {"refusal"} and not has_plan):
            if _content(body, language) or carried(body):
                kept.append((clause, body))
            continue
        rest = _remove(body, harmful)
        if not kinds & HARMFUL:  # a stance clause: a figure the customer gave is theirs, not the draft's to keep
            others.append(customer_message)
        lost = lost_facts(body, "\n".join(others))
        note_before = bool(parts.notes) and any(
            k in ("threat",) and _sentence_end(text, c) == _sentence_end(text, clause) for c, k, _, _ in gone
        )
        if (
            kinds & {"threat"}
            or (lost and kinds & {"pressure", "stall"})
            or (note_before and lost and "refusal" in kinds)
        ):
            note = strip_end(body)
            same = bool(kept) and _sentence_end(text, kept[-1][0]) == _sentence_end(text, clause)
            if note_before and "threat" not in kinds:
                # "逾期未付视为放弃档期，| 已付定金10,000元不予退还": the consequence goes on with the threat
                parts.notes[-1] = parts.notes[-1] + ("，" if language == "zh" else ", ") + neutralise(note, language)
            else:
                if same and _CONDITION.match(kept[-1][1]):
                    # "如6月30日前仍未缴清，| 我司将暂停服务": the condition goes with its consequence
                    note = strip_end(kept.pop()[1]) + ("，" if language == "zh" else ", ") + note
                parts.notes.append(neutralise(note, language))
            parts.threat = parts.threat or "threat" in kinds
            drop("threat" if "threat" in kinds else "pressure", clause, body)
        elif (
            lost
            and _content(rest, language)
            and not _fragment(rest, language)
            and not _bad_cut(body, harmful, language)
        ):
            kept.append((clause, rest))
        elif lost and not kinds & HARMFUL and not _fragment(body, language) and not _contact(body, language):
            # Only the stance marker was found and what is left would be a fragment ("By email on 12
            # February"): the clause stays whole rather than losing the figure it alone carries.
            kept.append((clause, body))
        else:
            drop(harmful[0].kind, clause, body, rest)
            if kinds & {"defence", "blame", "refusal", STANCE}:
                tainted.add(_sentence_end(text, clause))
    # What is left of a sentence whose defence went is its reasoning ("酸菜属于腌制食品"): it goes too,
    # unless it carries a figure.
    reasoning = [
        (c, b) for c, b in kept if _sentence_end(text, c) in tainted and not (carried(b) or _REQUEST.search(b))
    ]
    for c, b in reasoning:
        gone.append((c, "reasoning", b, ""))
    kept = [x for x in kept if x not in reasoning]
    # When the plan carries the way forward, the draft keeps only what speaks to this customer: their
    # case (您 / your), a figure or ID, a request, what was already done for them. Its impersonal
    # statements ("签收后的破损很难界定", "供暖温度是热力公司统一调度的", "Overbooking is standard practice")
    # are the draft's stance in other words, or what the plan now says better.
    if has_plan:
        personal = {_sentence_end(text, c) for c, b in kept if _speaks_to_them(b) or carried(b)}
        stance = [(c, b) for c, b in kept if _sentence_end(text, c) not in personal]
        for c, b in stance:
            drop("defensive statement", c, b)
        kept = [(c, b) for c, b in kept if (c, b) not in stance]
    # A clause that points back at what went ("等他们做完会通知你" after the studio's excuse went) has
    # nothing left to point at.
    if parts.dropped:
        first_gone = min((text.find(t) for _, t in parts.dropped if t in text), default=-1)
        dangling = [(c, b) for c, b in kept if 0 <= first_gone < c.start and _POINTS_BACK.search(b) and not carried(b)]
        for c, b in dangling:
            drop("dangling reference", c, b)
        kept = [x for x in kept if x not in dangling]
    kept = _facts_back(kept, gone, parts, text, known, references, language)
    if references:
        joined = ("、" if language == "zh" else " and ").join(dict.fromkeys(references))
        parts.notes.append(f"相关规定见{joined}" if language == "zh" else f"The details are in {joined}")
    parts.body = (
        [_polite(zh_punctuation(s), language) for s in _sentences(kept, text, language)]
        if language == "zh"
        else [_polite(s, language) for s in _sentences(kept, text, language)]
    )
    return parts


_SAY_AS_IS = frozenset(
    {"defensive statement", "dangling reference", "reasoning", "in English", "already done",
     "not possible for the customer", "the agent does it for them", "superseded by the policy"}
)  # fmt: skip
"""Kinds that go for what they are, not for harmful words: their clause comes back whole if it alone
carried a fact."""


def _facts_back(
    kept: list[tuple[Clause, str]],
    gone: list[tuple[Clause, str, str, str]],
    parts: DraftParts,
    text: str,
    known: list[str],
    references: list[str],
    language: Language,
) -> list[tuple[Clause, str]]:
    """Every fact the final gate counts is said: a clause that went and alone carried one comes back
    (without its harmful words), or its facts are said in a neutral clause after the plan."""
    said = [b for _, b in kept] + parts.notes + references + known
    for clause, kind, body, rest in sorted(gone, key=lambda g: g[0].start):
        if kind == "greeting" or not lost_facts(body, "\n".join(said)):
            continue
        hits = [h for h in find_harm(body, language) if h.kind in HARMFUL | {STANCE}]
        harmful = any(h.kind in HARMFUL for h in hits)
        clean = _remove(body, hits) if hits else body
        contact = _contact(body, language)
        if kind in _SAY_AS_IS and not hits:
            kept.append((clause, body))
        elif (
            _content(clean, language)
            and not _fragment(clean, language)
            and not _bad_cut(body, hits, language)
            and not lost_facts(body, clean)
        ):
            kept.append((clause, clean))
        elif not harmful and not contact and not _fragment(body, language):
            kept.append((clause, body))  # only stance words: the figure matters more than they do
        else:
            parts.notes.append(_fact_note(body, rest or clean, language))
        said.append(kept[-1][1] if kept and kept[-1][0] is clause else parts.notes[-1])
        parts.dropped[:] = [d for d in parts.dropped if d[1] != body]
    return sorted(kept, key=lambda x: x[0].start)


_ZH_BARE = re.compile(
    r"(^|[，。])(?=(?:发|提供|告诉|上传|拍|填|寄|补充)[^，。]{0,3}(?:一下|下|给我|我们|照片|截图|订单号))"
)
_EN_BARE = re.compile(r"^(?:send|give|tell|provide|upload|forward)\s+(?:me|us)\b", re.I)


def _polite(sentence: str, language: Language) -> str:
    """A bare order to the customer ("发一下订单号", "send me the photos") asked as a request."""
    if language == "zh":
        return _ZH_BARE.sub(r"\1麻烦您", sentence, count=1)
    if _EN_BARE.match(sentence):
        return "Could you " + sentence[0].lower() + sentence[1:].rstrip(".!") + "?"
    return sentence


_CONDITION = re.compile(r"^(?:如果?|若|假如|倘若|一旦|if\b|unless\b|should\b)", re.I)
_POINTS_BACK = re.compile(r"他们|她们|它们|对方|\bthey\b|\bthem\b|\btheir\b", re.I)
_TO_THEM = re.compile(
    r"您|你|\b(?:you|your|yours)\b|已为|已经为|已帮|正在|已(?:经)?(?:安排|提交|登记|冻结|退|发|记录|受理|反馈|上报|转交)|"
    r"会(?:在[^，。]{0,8})?(?:原路|全额)?(?:退回|退还|到账|发出|寄出|联系|回复|补发|上门)|"
    r"\b(?:we(?:'ve| have)|i(?:'ve| have))\s+(?:\w+\s+)?(?:sent|booked|raised|logged|frozen|refunded|arranged|asked)\b|"
    r"\b(?:we(?:'ll| will)|i(?:'ll| will))\b|\bwe\s+(?:can|are|have|could|'re)\b|(?:我们|我)(?:会|已|正在|可以|将)|"
    r"\bwill\s+be\s+(?:refunded|sent|returned|credited|dispatched|fixed|repaired)\b",
    re.I,
)


def _speaks_to_them(sentence: str) -> bool:
    return bool(_TO_THEM.search(sentence) or text_facts(sentence).quantities or _REQUEST.search(sentence))


_HALF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def zh_punctuation(text: str) -> str:
    """Half-width marks between Chinese characters become full-width (numbers keep their commas)."""
    text = re.sub(r"(?<=[\u4e00-\u9fff）])([,;:?!])|([,;:?!])(?=[\u4e00-\u9fff（])", lambda m: _HALF[m.group()], text)
    text = re.sub(r"(?<=[\u4e00-\u9fff])\.(?=\s|$)", "。", text)
    return re.sub(r"([。！？])[。，！？]+", r"\1", text)


def _sentence_end(text: str, clause: Clause) -> int:
    m = re.compile(r"[。！？.!?\n]").search(text, clause.end - 1)
    return m.end() if m else len(text)


def _sentences(kept: list[tuple[Clause, str]], text: str, language: Language) -> list[str]:
    """Kept clauses glued back into sentences, punctuation repaired where clauses went."""
    out: list[str] = []
    current: list[str] = []
    seps: list[str] = []
    for i, (clause, body) in enumerate(kept):
        current.append(strip_end(body) if language == "zh" else body.strip().rstrip(","))
        seps.append(clause.text.rstrip()[-1:])
        nxt = kept[i + 1][0] if i + 1 < len(kept) else None
        ends = clause.text.rstrip()[-1:] in "。！？.!?\n" or nxt is None or _gap_ends(text, clause, nxt)
        if ends:
            joined = "".join(
                p + ("" if j == len(current) - 1 else _joint(seps[j], language)) for j, p in enumerate(current) if p
            )
            out.append(end_with(capitalize(joined) if language == "en" else joined, language))
            current = []
            seps = []
    return [s for s in out if s]


def _joint(mark: str, language: Language) -> str:
    """How two kept clauses join: a list's semicolon stays, anything else becomes a comma."""
    if mark in "；;" and mark:
        return "；" if language == "zh" else "; "
    return "，" if language == "zh" else ", "


def _gap_ends(text: str, clause: Clause, nxt: Clause) -> bool:
    between = text[clause.end : nxt.start]
    return bool(re.search(r"[。！？.!?\n]", between))
