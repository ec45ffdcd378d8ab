"""seams: clean text, one language, one greeting, no glued list numbers, no new questions to a
customer in distress; across a run, no stock closing line.

Per reply:

- punctuation: runs such as ！， 。。 ,. ;. (an ellipsis or ?! is fine), half-width punctuation between
  Chinese characters, Chinese punctuation in an English reply, " ," and "fall.Damage" in English,
  unbalanced （） “” 「」 《》, a line ending in a comma;
- one language: no English sentence (4+ words running) in a Chinese reply, no Chinese in an English one;
- one greeting and one signature: 您好 / "Hi ..." twice, two sign-offs, the signature twice;
- list numbers: "1.向您" / "2.Check" (a number glued to its text);
- questions: when every emotion the case accepts is a distressed one and the draft asked nothing,
  the reply asks nothing either, except to offer a choice or confirm ("您更倾向哪一种？",
  "Would you prefer ...?", "is that right?", "Shall we ...?") or to restate the customer's own question.

Across the run (:func:`apply_repeated_closers`, called by the runner once every case has run): a
reply fails when its closing sentence is the closing sentence of at least ``CLOSER_SHARE`` of the
variant's replies (and of at least ``CLOSER_MIN`` of them): the same line in every reply is stock.
"""

from __future__ import annotations

import re
from collections import Counter

from evals._dataset import GoldenCase
from evals._types import CaseResult, Score
from evals.scorers._prose import CJK, GREETING_AT_START, SIGN_OFF, closing_sentence, sentences, short, squash
from service.schemas import RewriteResponse

NAME = "seams"
CLOSER_SHARE = 0.2
CLOSER_MIN = 3
CLOSER_RUN_MIN = 5
CALM = frozenset({"neutral", "satisfaction"})

_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|a\.m|p\.m|vs|approx|no|dept|ref)\.", re.IGNORECASE)
_MASK = re.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[A-Za-z0-9]*\d[A-Za-z0-9]*(?:[-_/.][A-Za-z0-9]+)*\b"
)
_PUNCT_RUN = re.compile(r"[，,。.！!？?；;：:、]{2,}")
_FINE_RUN = re.compile(r"^(?:\.{3,}|。{3,}|[!?！？]+)$")
_HALF_IN_ZH = re.compile(r"[\u4e00-\u9fff][,;!?][\u4e00-\u9fff]|[\u4e00-\u9fff]\.[\u4e00-\u9fff]")
_FULL_IN_EN = re.compile(r"[，。！？；：、（）【】]")
_SPACE_BEFORE = re.compile(r"[A-Za-z0-9)]\s+[,.;:!?](?=\s|$)")
_NO_SPACE_AFTER = re.compile(r"[A-Za-z]*[a-z]{2}[.!?;,][A-Z][a-z]+")
_PAIRS = (("（", "）"), ("“", "”"), ("「", "」"), ("《", "》"), ("【", "】"))
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[ \t]+[A-Za-z][A-Za-z'’-]*){3,}")
_GLUED_NUMBER = re.compile(r"(?:^|(?<=[：:。；;\s]))\d{1,2}\.(?=[^\s\d.])", re.MULTILINE)
_ZH_GREETING = re.compile(r"您好|你好")
_ALLOWED_QUESTION = re.compile(
    r"哪(?:一)?种|哪个|哪一个|哪天|哪一天|几点|更倾向|更方便|还是|可以吗|好吗|行吗|对吗|是吗|是这样吗|方便吗|合适吗|对不对|没错吧"
    r"|\bwhich\b|\bwould\s+you\s+(?:prefer|like|rather)\b|\bdoes\s+(?:that|this)\s+(?:work|suit|sound)\b|\bshall\s+i\b"
    r"|\bshould\s+i\b|\b(?:shall|should|can)\s+we\b|\bdo\s+you\s+want\s+me\s+to\b|\bis\s+that\s+(?:right|correct|ok|okay)\b|\bwould\s+(?:it|that)\s+help\b|\bwhat\s+time\s+suits\b"
    r"|\bwhen\s+suits\b|\bor\b",
    re.IGNORECASE,
)


def _names(case: GoldenCase) -> list[str]:
    people = [p for p in (case.request.customer, case.request.agent) if p is not None]
    return [t for p in people for t in (p.name, p.signature) if t]


def _masked(text: str, fill: str) -> str:
    """``text`` with URLs, e-mails, identifiers and figures replaced by ``fill`` (same length: spans still map)."""
    text = _MASK.sub(lambda m: fill * len(m.group()), text)
    return _ABBREVIATION.sub(lambda m: "x" * len(m.group()), text)


def _comma_line_ends(reply: str) -> list[str]:
    """Lines that stop on a comma mid-text (a greeting "Dear Ms Lin," or a sign-off "Best regards," may)."""
    lines = [line.strip() for line in reply.strip().splitlines()]
    return [
        line for line in lines[:-1]
        if re.search(r"[，,、]$", line) and not GREETING_AT_START.match(line) and not SIGN_OFF.match(line)
    ]  # fmt: skip


def punctuation_problems(reply: str, chinese: bool) -> list[str]:
    text = _masked(reply, "0")
    problems = [
        f"broken punctuation «{reply[max(0, m.start() - 4) : m.end()]}»"
        for m in _PUNCT_RUN.finditer(text)
        if not _FINE_RUN.match(m.group())
    ]
    if chinese:
        found = [("half-width punctuation in Chinese", m) for m in _HALF_IN_ZH.finditer(text)]
    else:
        found = [("Chinese punctuation in English", m) for m in _FULL_IN_EN.finditer(text)]
        found += [("space before punctuation", m) for m in _SPACE_BEFORE.finditer(text)]
        found += [("no space after a sentence", m) for m in _NO_SPACE_AFTER.finditer(text)]
    problems += [f"{what} «{reply[m.start() : m.end()]}»" for what, m in found]
    problems += [f"line ends in a comma «{short(line[-20:], 20)}»" for line in _comma_line_ends(reply)]
    for left, right in _PAIRS:
        if reply.count(left) != reply.count(right):
            problems.append(f"unbalanced {left}{right}")
    return problems


def language_problems(reply: str, chinese: bool) -> list[str]:
    text = _masked(reply, " ")
    if chinese:
        return [
            f"English inside the Chinese reply «{short(reply[m.start() : m.end()], 40)}»"
            for m in _LATIN_RUN.finditer(text)
        ]
    han = CJK.findall(text)
    return [f"Chinese inside the English reply «{''.join(han[:10])}»"] if han else []


def doubled(reply: str, case: GoldenCase) -> list[str]:
    problems = []
    greetings = [s for s in sentences(reply) if GREETING_AT_START.match(s)]
    if len(greetings) >= 2 or len(_ZH_GREETING.findall(reply)) >= 2:
        problems.append(f"doubled greeting «{short(' / '.join(greetings[:2]) or '您好', 40)}»")
    sign_offs = [line for line in reply.splitlines() if SIGN_OFF.match(line)]
    if len(sign_offs) >= 2:
        problems.append(f"doubled sign-off «{' / '.join(s.strip() for s in sign_offs[:2])}»")
    agent = case.request.agent
    signature = (agent.signature or agent.name or "") if agent else ""
    if signature and squash(reply).count(squash(signature)) >= 2:
        problems.append(f"doubled signature «{signature}»")
    return problems


_QUESTION_STOP_TEXT = "is are the a an my your you i it to of and or do does what"
_QUESTION_STOP = frozenset(_QUESTION_STOP_TEXT.split())


def _echoes_customer(question: str, customer_questions: list[str]) -> bool:
    """The reply restates the customer's own question ("is someone using your details?")."""
    clause = re.split(r"[,:;，：；—]", question)[-1]
    mine = _content(clause)
    return bool(mine) and any(len(mine & _content(q)) >= 0.5 * len(mine) for q in customer_questions)


def _content(text: str) -> set[str]:
    if CJK.search(text):
        sq = squash(text)
        return {sq[i : i + 2] for i in range(len(sq) - 1)}
    return {w for w in re.findall(r"[a-z0-9']+", text.casefold()) if w not in _QUESTION_STOP}


def question_problems(reply: str, case: GoldenCase) -> list[str]:
    if set(case.emotions) & CALM or re.search(r"[?？]", case.request.draft):
        return []
    req = case.request
    customer = " ".join([req.customer_message, *(t.text for t in req.history if t.role == "customer")])
    theirs = re.findall(r"[^。！？!?.]+[？?]", customer)
    asked = [
        s for s in sentences(reply)
        if re.search(r"[?？]\s*$", s) and not _ALLOWED_QUESTION.search(s) and not _echoes_customer(s, theirs)
    ]  # fmt: skip
    return [f"asks a distressed customer what the draft never asked «{short(q, 50)}»" for q in asked]


def seam_problems(case: GoldenCase, reply: str) -> list[str]:
    chinese = case.language == "zh"
    problems = punctuation_problems(reply, chinese) + language_problems(reply, chinese) + doubled(reply, case)
    problems += [f"list number glued to its text «{m.group()}{reply[m.end() : m.end() + 3]}»"
                 for m in _GLUED_NUMBER.finditer(reply)]  # fmt: skip
    return problems + question_problems(reply, case)


def seams(case: GoldenCase, response: RewriteResponse) -> Score:
    problems = list(dict.fromkeys(seam_problems(case, response.reply)))
    if not problems:
        return Score(name=NAME, value=1.0, passed=True, explanation="clean text in one language")
    return Score(name=NAME, value=0.0, passed=False, explanation="; ".join(problems))


def closer_key(reply: str, names: list[str]) -> str:
    """A reply's closing sentence, compared without case, punctuation or figures."""
    return re.sub(r"\d+", "0", squash(closing_sentence(reply, names)))


def apply_repeated_closers(results: list[CaseResult], cases: dict[str, GoldenCase]) -> None:
    """Fail ``seams`` on every reply of one variant whose closing line is stock in that variant's run."""
    scored = [r for r in results if r.response is not None and NAME in r.scores and r.case_id in cases]
    if len(scored) < CLOSER_RUN_MIN:
        return
    keys = {id(r): closer_key(r.response.reply, _names(cases[r.case_id])) for r in scored if r.response}
    counts = Counter(k for k in keys.values() if k)
    limit = max(CLOSER_MIN, CLOSER_SHARE * len(scored))
    for r in scored:
        key = keys[id(r)]
        if not key or counts[key] < limit or r.response is None:
            continue
        line = closing_sentence(r.response.reply, _names(cases[r.case_id]))
        note = f"stock closing line «{short(line, 50)}» ends {counts[key]} of {len(scored)} replies in this run"
        old = r.scores[NAME]
        why = note if old.passed else f"{old.explanation}; {note}"
        r.scores[NAME] = Score(name=NAME, value=0.0, passed=False, explanation=why)
