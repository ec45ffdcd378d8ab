"""The draft's own words: what stays, what goes, what becomes information after the plan.

Clause by clause (``service/data/harm.yaml``): greetings go (the reply has its own); stock phrases,
stalling, defences, blame and pressure go; a refusal goes when the plan offers a way forward; a
threat's consequence, and any figure or date a dropped clause alone carried, stay as information
placed after the plan, with the pressure words taken out. Everything else is kept as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from service.phrasing._clauses import Clause, capitalize, clauses, end_with, strip_end
from service.schemas import Language
from service.verify import quantities_of, text_facts, unsupported
from service.verify._harm import HARMFUL, STANCE, HarmHit, find_harm


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


_ZH_NEUTRAL = [
    (re.compile(r"^(?:请您?|您)?(?:务必|一定要|必须)"), "需"),
    (re.compile(r"(?:请您?|您)?(?:务必|一定要|必须)"), ""),
    (re.compile(r"^否则(?:将|会)?"), "如果到期未能办理，将"),
    (re.compile(r"^不然(?:的话)?(?:将|会)?"), "如果到期未能办理，将"),
    (re.compile(r"以免"), "避免"),
    (re.compile(r"我司|本公司|我行|本行"), "我们"),
    (re.compile(r"^请(?:您)?(?:于|在)(?=[^，。]{1,14}前)"), "本期原定"),
    (re.compile(r"^(?:请|需)?(?:尽快|立即|马上)"), "需"),
]
_EN_NEUTRAL = [
    (
        re.compile(
            r"^failure to (?:pay|repay|make (?:the |your |a )?(?:re)?payment)(?: on time)? will result in", re.I
        ),
        "If a payment is missed, there is",
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
    rules = _ZH_NEUTRAL if language == "zh" else _EN_NEUTRAL
    for pattern, repl in rules:
        text = pattern.sub(repl, text, count=1)
    text = text.strip(" ，,")
    return capitalize(text) if language == "en" else text


def _remove(text: str, hits: list[HarmHit]) -> str:
    for hit in sorted(hits, key=lambda h: -h.start):
        text = text[: hit.start] + text[hit.end :]
    text = re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"\s{2,}", " ", text))
    return text.strip(" ，,;；")


def _content(text: str, language: Language) -> bool:
    core = re.sub(r"[\W_]+", "", text)
    return len(core) >= 3 if language == "zh" else len(text.split()) >= 3


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
    when its draft clause goes.
    """
    parts = DraftParts()
    text = text_facts(draft).clean
    all_clauses = clauses(text)
    kept: list[tuple[Clause, str]] = []
    tainted: set[int] = set()
    """Sentences (by the offset of their end) that lost a defence, blame or refusal clause."""
    ours = {
        m.end()
        for m in re.finditer(r"[^。！？.!?\n]+[。！？.!?\n]?", text)
        if agent_facts and done_for_them(m.group().strip(), agent_facts) and not text_facts(m.group()).quantities
    }
    """Sentences the agent carries out instead of the customer (dropped whole)."""
    for clause in all_clauses:
        hits = find_harm(clause.text, language)
        kinds = {h.kind for h in hits}
        body = clause.text
        if "greeting" in kinds and not _content(_remove(body, [h for h in hits if h.kind == "greeting"]), language):
            parts.dropped.append(("greeting", body))
            continue
        lead = [h for h in hits if h.kind in ("strip", "greeting")]
        if lead:
            body = _remove(body, lead)
            body = capitalize(body) if language == "en" else body
            hits = find_harm(body, language)
            kinds = {h.kind for h in hits}
        if not has_plan:
            hits = [h for h in hits if h.kind != STANCE]
            kinds = {h.kind for h in hits}
        harmful = [h for h in hits if h.kind in HARMFUL | {STANCE}]
        done = [h for h in hits if h.kind == "done" and already_done(h, customer_message, language)]
        if done and not text_facts(body).quantities:
            parts.dropped.append(("already done", body))
            continue
        if cannot_do(body, customer_message) and not text_facts(body).quantities:
            parts.dropped.append(("not possible for the customer", body))
            continue
        if asked_again(body, customer_message, language) and not text_facts(body).quantities:
            parts.dropped.append(("already done", body))
            continue
        if _sentence_end(text, clause) in ours:
            parts.dropped.append(("the agent does it for them", body))
            continue
        if policy and superseded(body, policy):
            pieces = re.split(r"\s+and\s+|，(?=[^，]{4,})", body)
            left = [p for p in pieces if not superseded(p, policy)]
            gone = [p for p in pieces if p not in left]
            pool = quantities_of([*left, *known])
            if not unsupported(text_facts(body).quantities, pool):
                parts.dropped.append(("superseded by the policy", "; ".join(gone) or body))
                if not left or len(left) == len(pieces):
                    continue
                body = (" and " if language == "en" else "，").join(left)
        english = language == "zh" and not re.search(r"[\u4e00-\u9fff]", body) and _LATIN_SENTENCE.search(body)
        if english and not text_facts(body).quantities:
            parts.dropped.append(("in English", body))
            continue
        if not harmful or (kinds & HARMFUL == {"refusal"} and not has_plan):
            if _content(body, language) or text_facts(body).quantities:
                kept.append((clause, body))
            continue
        rest = _remove(body, harmful)
        others = [c.text for c in all_clauses if c is not clause] + known
        if not kinds & HARMFUL:  # a stance clause: a figure the customer gave is theirs, not the draft's to keep
            others.append(customer_message)
        lost = unsupported(text_facts(body).quantities, quantities_of(others))
        if kinds & {"threat"} or (lost and kinds & {"pressure", "stall"}):
            note = strip_end(body)
            same = bool(kept) and _sentence_end(text, kept[-1][0]) == _sentence_end(text, clause)
            if same and _CONDITION.match(kept[-1][1]):
                # "如6月30日前仍未缴清，| 我司将暂停服务": the condition goes with its consequence
                note = strip_end(kept.pop()[1]) + ("，" if language == "zh" else ", ") + note
            parts.notes.append(neutralise(note, language))
            parts.threat = parts.threat or "threat" in kinds
            parts.dropped.append(("threat" if "threat" in kinds else "pressure", body))
        elif lost and _content(rest, language) and not re.match(r"^[了的过着地得]|^(?:of|to|and|or|that|by)\b", rest):
            kept.append((clause, rest))
        elif lost and not kinds & HARMFUL:
            # Only the stance marker was found and what is left would be a fragment ("By email on 12
            # February"): the clause stays whole rather than losing the figure it alone carries.
            kept.append((clause, body))
        else:
            parts.dropped.append((harmful[0].kind, body))
            if kinds & {"defence", "blame", "refusal", STANCE}:
                tainted.add(_sentence_end(text, clause))
    # What is left of a sentence whose defence went is its reasoning ("酸菜属于腌制食品"): it goes too,
    # unless it carries a figure.
    kept = [
        (c, b)
        for c, b in kept
        if _sentence_end(text, c) not in tainted or text_facts(b).quantities or _REQUEST.search(b)
    ]
    # When the plan carries the way forward, the draft keeps only what speaks to this customer: their
    # case (您 / your), a figure or ID, a request, what was already done for them. Its impersonal
    # statements ("签收后的破损很难界定", "供暖温度是热力公司统一调度的", "Overbooking is standard practice")
    # are the draft's stance in other words, or what the plan now says better.
    if has_plan:
        personal = {_sentence_end(text, c) for c, b in kept if _speaks_to_them(b)}
        stance = [(c, b) for c, b in kept if _sentence_end(text, c) not in personal]
        parts.dropped.extend(("defensive statement", b) for _, b in stance)
        kept = [(c, b) for c, b in kept if (c, b) not in stance]
    # A clause that points back at what went ("等他们做完会通知你" after the studio's excuse went) has
    # nothing left to point at.
    if parts.dropped:
        first_gone = min((text.find(t) for _, t in parts.dropped if t in text), default=-1)
        dangling = [
            (c, b)
            for c, b in kept
            if 0 <= first_gone < c.start and _POINTS_BACK.search(b) and not text_facts(b).quantities
        ]
        parts.dropped.extend(("dangling reference", b) for _, b in dangling)
        kept = [x for x in kept if x not in dangling]
    parts.body = (
        [_polite(zh_punctuation(s), language) for s in _sentences(kept, text, language)]
        if language == "zh"
        else [_polite(s, language) for s in _sentences(kept, text, language)]
    )
    return parts


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
    for i, (clause, body) in enumerate(kept):
        current.append(strip_end(body) if language == "zh" else body.strip().rstrip(","))
        nxt = kept[i + 1][0] if i + 1 < len(kept) else None
        ends = clause.text.rstrip()[-1:] in "。！？.!?\n" or nxt is None or _gap_ends(text, clause, nxt)
        if ends:
            joined = ("，" if language == "zh" else ", ").join(p for p in current if p)
            out.append(end_with(capitalize(joined) if language == "en" else joined, language))
            current = []
    return [s for s in out if s]


def _gap_ends(text: str, clause: Clause, nxt: Clause) -> bool:
    between = text[clause.end : nxt.start]
    return bool(re.search(r"[。！？.!?\n]", between))
