"""Wording checks: no_platitudes, empathy_specific, language_match, no_injection_echo, length_budget."""

from __future__ import annotations

from service.schemas import Channel, Check, Empathy, Finding, Language, RewriteRequest
from service.verify._budget import length_limit, reply_length
from service.verify._detail import items, located, quote, verdict
from service.verify._grounding import is_grounded, is_specific, shared_specifics
from service.verify._injection import find_injection_echoes
from service.verify._platitudes import find_platitudes, strip_platitudes
from service.verify._text import units
from service.verify._textfacts import text_facts


def no_platitudes(reply: str, empathy: Empathy | None) -> Check:
    name = "no_platitudes"
    texts = {"reply": reply, "empathy": empathy.text if empathy else ""}
    found = [
        located("platitude", phrase, text, where=where)
        for where, text in texts.items()
        for phrase in (find_platitudes(text) if text else [])
    ]
    parts = [
        f"in the {where}: {items(f.text for f in found if f.where == where)}"
        for where in texts
        if any(f.where == where for f in found)
    ]
    if parts:
        return Check(name=name, passed=False, detail="generic phrases " + "; ".join(parts), findings=found)
    return Check(name=name, passed=True, detail="no generic phrases in the reply or the empathy")


def _customer_texts(request: RewriteRequest) -> list[str]:
    """What the customer's situation is known from: their words, earlier turns, the draft's facts."""
    return [request.customer_message, *(t.text for t in request.history), request.draft]


def empathy_specific(request: RewriteRequest, empathy: Empathy | None) -> Check:
    """The empathy names a specific of the customer's: grounded in their words, mentioned in the text."""
    name = "empathy_specific"
    if empathy is None or not empathy.text.strip():
        return Check(
            name=name,
            passed=False,
            detail="there is no empathy sentence",
            findings=[Finding(kind="no_empathy", text="", where="empathy")],
        )
    residue = strip_platitudes(empathy.text)
    if not units(residue) and not text_facts(residue).quantities:
        generic = [located("platitude", p, empathy.text, where="empathy") for p in find_platitudes(empathy.text)]
        what = f"only generic phrases ({items(f.text for f in generic)})" if generic else "only general words"
        detail = f"the empathy {quote(empathy.text)} names none of the customer's specifics: it has {what}"
        found = [Finding(kind="not_specific", text=empathy.text, where="empathy"), *generic]
        return Check(name=name, passed=False, detail=detail, findings=found)
    sources = _customer_texts(request)
    rejected: list[Finding] = []
    for detail in empathy.details:
        if not detail.strip():
            continue
        if not is_specific(detail):
            rejected.append(Finding(kind="too_general", text=detail, where="empathy"))
        elif not is_grounded(detail, sources):
            rejected.append(Finding(kind="not_customer_words", text=detail, where="empathy"))
        elif not is_grounded(detail, [residue]):
            rejected.append(Finding(kind="not_in_empathy", text=detail, where="empathy"))
        else:
            return Check(name=name, passed=True, detail=f"names the customer's specific {quote(detail)}")
    shared = shared_specifics(residue, sources)
    if shared:
        return Check(name=name, passed=True, detail=f"refers to the customer's own words {items(shared)}")
    declared = "; ".join(f"{quote(f.text)} {_REJECTED[f.kind]}" for f in rejected)
    why = "; declared details: " + declared if rejected else ""
    return Check(
        name=name,
        passed=False,
        detail=f"the empathy names none of the customer's specifics{why}",
        findings=[Finding(kind="not_specific", text=empathy.text, where="empathy"), *rejected],
    )


_REJECTED = {
    "too_general": "is too general",
    "not_customer_words": "is not in the customer's words",
    "not_in_empathy": "is not mentioned in the empathy text",
}


def language_match(reply: str, language: Language) -> Check:
    name = "language_match"
    found = text_facts(reply).language
    if found != language:
        return Check(
            name=name,
            passed=False,
            detail=f"reply is in {quote(found)}, expected {quote(language)}",
            findings=[Finding(kind="language", text=found, source=language)],
        )
    return Check(name=name, passed=True, detail=f"reply is in {language}")


def no_injection_echo(reply: str) -> Check:
    name = "no_injection_echo"
    return verdict(
        name,
        [located("instruction", t, reply) for t in find_injection_echoes(reply)],
        failed="instruction artefacts in the reply: ",
        passed="no instructions, role labels or prompt tags in the reply",
    )


def length_budget(reply: str, language: Language, channel: Channel, max_length: int | None) -> Check:
    name = "length_budget"
    size, limit = reply_length(reply), length_limit(channel, language, max_length)
    where = f"{channel}, {language}" + (f", max_length {max_length}" if max_length is not None else "")
    if size > limit:
        return Check(
            name=name,
            passed=False,
            detail=f"{quote(size)} characters, over the limit of {quote(limit)} ({where})",
            findings=[Finding(kind="too_long", text=str(size), source=str(limit))],
        )
    return Check(name=name, passed=True, detail=f"{size} characters, within {limit} ({where})")
