"""Wording checks: no_platitudes, empathy_specific, language_match, no_injection_echo, length_budget."""

from __future__ import annotations

from service.language import detect_language
from service.schemas import Channel, Check, Empathy, Language, RewriteRequest
from service.verify._budget import length_limit, reply_length
from service.verify._detail import items, quote
from service.verify._grounding import is_grounded, is_specific, shared_specifics
from service.verify._injection import find_injection_echoes
from service.verify._numbers import find_quantities
from service.verify._platitudes import find_platitudes, strip_platitudes
from service.verify._text import units


def no_platitudes(reply: str, empathy: Empathy | None) -> Check:
    name = "no_platitudes"
    found = {"reply": find_platitudes(reply), "empathy": find_platitudes(empathy.text) if empathy else []}
    parts = [f"in the {where}: {items(phrases)}" for where, phrases in found.items() if phrases]
    if parts:
        return Check(name=name, passed=False, detail="generic phrases " + "; ".join(parts))
    return Check(name=name, passed=True, detail="no generic phrases in the reply or the empathy")


def _customer_texts(request: RewriteRequest) -> list[str]:
    """What the customer's situation is known from: their words, earlier turns, the draft's facts."""
    return [request.customer_message, *(t.text for t in request.history), request.draft]


def empathy_specific(request: RewriteRequest, empathy: Empathy | None) -> Check:
    """The empathy names a specific of the customer's: grounded in their words, mentioned in the text."""
    name = "empathy_specific"
    if empathy is None or not empathy.text.strip():
        return Check(name=name, passed=False, detail="there is no empathy sentence")
    residue = strip_platitudes(empathy.text)
    if not units(residue) and not find_quantities(residue):
        generic = find_platitudes(empathy.text)
        what = f"only generic phrases ({items(generic)})" if generic else "only general words"
        detail = f"the empathy {quote(empathy.text)} names none of the customer's specifics: it has {what}"
        return Check(name=name, passed=False, detail=detail)
    sources = _customer_texts(request)
    rejected: list[str] = []
    for detail in empathy.details:
        if not detail.strip():
            continue
        if not is_specific(detail):
            rejected.append(f"{quote(detail)} is too general")
        elif not is_grounded(detail, sources):
            rejected.append(f"{quote(detail)} is not in the customer's words")
        elif not is_grounded(detail, [residue]):
            rejected.append(f"{quote(detail)} is not mentioned in the empathy text")
        else:
            return Check(name=name, passed=True, detail=f"names the customer's specific {quote(detail)}")
    shared = shared_specifics(residue, sources)
    if shared:
        return Check(name=name, passed=True, detail=f"refers to the customer's own words {items(shared)}")
    why = "; declared details: " + "; ".join(rejected) if rejected else ""
    return Check(name=name, passed=False, detail=f"the empathy names none of the customer's specifics{why}")


def language_match(reply: str, language: Language) -> Check:
    name = "language_match"
    found = detect_language(reply)
    if found != language:
        return Check(
            name=name, passed=False, detail=f"reply is in {quote(found)}, expected {quote(language)}"
        )
    return Check(name=name, passed=True, detail=f"reply is in {language}")


def no_injection_echo(reply: str) -> Check:
    name = "no_injection_echo"
    found = find_injection_echoes(reply)
    if found:
        return Check(name=name, passed=False, detail="instruction artefacts in the reply: " + items(found))
    return Check(name=name, passed=True, detail="no instructions, role labels or prompt tags in the reply")


def length_budget(reply: str, language: Language, channel: Channel, max_length: int | None) -> Check:
    name = "length_budget"
    size, limit = reply_length(reply), length_limit(channel, language, max_length)
    where = f"{channel}, {language}" + (f", max_length {max_length}" if max_length is not None else "")
    if size > limit:
        return Check(
            name=name,
            passed=False,
            detail=f"{quote(size)} characters, over the limit of {quote(limit)} ({where})",
        )
    return Check(name=name, passed=True, detail=f"{size} characters, within {limit} ({where})")
