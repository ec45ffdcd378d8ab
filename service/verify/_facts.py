"""The draft's key facts and whether a reply keeps them.

Key facts: quantities (amounts, dates, times, durations, counts), identifiers (order and
ticket numbers, phone numbers), URLs, e-mail addresses and names in quotes or 《》.
Quantities compare by value (``¥1,200`` is kept as ``1200元``), identifiers ignoring
case and separators, the rest as case-folded text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from service.verify._numbers import EMAIL, URL
from service.verify._quantity import Quantity, is_supported
from service.verify._text import compact, normalize
from service.verify._textfacts import text_facts

FactKind = Literal["quantity", "id", "url", "email", "name"]

_QUOTED = re.compile(
    r"“([^”\n]{1,40})”|\"([^\"\n]{1,40})\"|《([^》\n]{1,40})》|「([^」\n]{1,40})」|『([^』\n]{1,40})』"
)
_SENTENCE_PUNCT = re.compile(r"[。！？!?；;]|[.,，]\s")


@dataclass(frozen=True)
class Fact:
    kind: FactKind
    text: str
    quantity: Quantity | None = None


def _name_like(quoted: str) -> bool:
    """A name or title ("文件读写", "Moving home", 《用户协议》), not a quoted rule or remark
    ("房型视当日入住情况安排", "it's with the adjuster"): that is wording, which a rewrite may drop."""
    cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in quoted)
    return cjk <= 8 if cjk else len(quoted.split()) <= 5


def key_facts(text: str) -> list[Fact]:
    """The facts of ``text`` a rewrite must keep, without duplicates, in order."""
    facts: list[Fact] = []
    literal: tuple[tuple[re.Pattern[str], FactKind], ...] = ((URL, "url"), (EMAIL, "email"))
    for pattern, kind in literal:
        facts += [Fact(kind, m.group()) for m in pattern.finditer(normalize(text))]
    seen: list[Quantity] = []
    for q in text_facts(text).quantities:
        if q not in seen:
            seen.append(q)
            facts.append(Fact("id" if q.kind == "id" else "quantity", q.text or str(q.value), q))
    for m in _QUOTED.finditer(text):
        name = next(g for g in m.groups() if g is not None).strip()
        if name and not _SENTENCE_PUNCT.search(name) and compact(name) and _name_like(name):
            facts.append(Fact("name", name))
    return list(dict.fromkeys(facts))


def _kept(fact: Fact, reply: str, reply_quantities: tuple[Quantity, ...]) -> bool:
    if fact.kind in ("url", "email"):
        return fact.text.casefold().rstrip("/") in normalize(reply).casefold()
    if fact.quantity is not None:
        if fact.kind == "id" and compact(str(fact.quantity.value)) in compact(reply):
            return True
        return is_supported(fact.quantity, reply_quantities)
    return compact(fact.text) in compact(reply)


def lost_facts(draft: str, reply: str) -> list[Fact]:
    """The draft's key facts the reply does not state (one per surface text: a lost range is one fact)."""
    reply_quantities = text_facts(reply).quantities
    lost: dict[str, Fact] = {}
    for fact in key_facts(draft):
        if fact.text not in lost and not _kept(fact, reply, reply_quantities):
            lost[fact.text] = fact
    return list(lost.values())
