"""Put the reply together for its channel: greeting, empathy, the draft's information, the plan,
what the customer should know, a follow-up line, the signature. Deterministic: nothing is invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from service.phrasing._bank import load_bank, pick
from service.phrasing._clauses import capitalize, decapitalize, end_with, join_sentences
from service.phrasing._facts import Fact
from service.phrasing._plan import PlanParts
from service.schemas import Channel, Language, RewriteRequest
from service.verify import text_facts

CARE_FIRST = {"anxiety", "distrust", "helplessness", "urgency", "confusion"}


@dataclass
class ReplyParts:
    empathy: str
    body: list[str]
    plan: PlanParts
    notes: list[str] = field(default_factory=list)
    emotion: str = "neutral"
    threat: bool = False


def greeting(request: RewriteRequest, language: Language) -> str:
    """The opening words, by ``options.greeting``: auto (by channel), formal, friendly or none."""
    style = request.options.greeting
    if style == "none":
        return ""
    name = (request.customer.name or "") if request.customer else ""
    if language == "zh":
        mark = "：" if request.channel == "email" else "，"
        if style == "formal":
            return f"尊敬的{name}，您好{mark}" if name else f"您好{mark}"
        return f"{name}您好{mark}"
    if style == "formal" or (style == "auto" and request.channel == "email"):
        return f"Dear {name}," if name else "Hello,"
    if style == "friendly":
        return f"Hi {name}," if name else "Hi,"
    return f"Hi {name}," if name else ""


def signature(request: RewriteRequest) -> str:
    if not request.agent:
        return ""
    return request.agent.signature or request.agent.name or ""


def _step_sentences(parts: PlanParts, language: Language, channel: Channel, seed: str) -> list[str]:
    bank = load_bank()
    said = [end_with(step.action, language) for i, (_, step) in enumerate(parts.steps) if i not in parts.quiet]
    if not said:
        return []
    if channel == "sms":
        return said[:1]
    if channel == "phone" and len(said) > 1:
        ordinals = bank.options("plan_ordinals", language)
        return [o + (decapitalize(s) if language == "en" else s) for o, s in zip(ordinals, said, strict=False)]
    joins = bank.options("plan_join", language)
    out = [said[0]]
    for i, s in enumerate(said[1:]):
        out.append(joins[i % len(joins)] + _without_also(decapitalize(s) if language == "en" else s, language))
    return out


def _without_also(sentence: str, language: Language) -> str:
    """The join already says "also" (Also, / 另外，): the step's own "also" / 也 goes."""
    if language == "zh":
        return re.sub(r"^(我|您)(?:也|还)(?=可以|能|会)", r"\1", sentence, count=1)
    return re.sub(r"\balso\s+(?=\w)", "", sentence, count=1, flags=re.I)


_BOUND = re.compile(r"内$|之内$|前$|^within |^by |^before ", re.I)


def follow_up(plan: PlanParts, language: Language, seed: str) -> str:
    """How the customer will hear back: by the first bounded deadline of a step we carry out, if any."""
    bank = load_bank()
    ours = [s for _, s in plan.steps if s.owner == "agent"]
    bounded = next((s.deadline for s in ours if s.deadline and _BOUND.search(s.deadline.strip())), "")
    if bounded and len(bounded) <= (12 if language == "zh" else 40):
        return pick(bank.options("follow_up_by", language), seed, "follow_up_by").replace("{d}", bounded)
    return pick(bank.options("follow_up", language), seed, "follow_up")


def _fact_sentence(fact: Fact, language: Language) -> str:
    return end_with(capitalize(fact.said) if language == "en" else fact.said, language)


def assemble(
    request: RewriteRequest, language: Language, parts: ReplyParts, *, seed: str, compact: bool = False
) -> str:
    bank = load_bank()
    channel = request.channel
    steps = _step_sentences(parts.plan, language, channel, seed)
    reassure = [_fact_sentence(f, language) for f in parts.plan.reassure]
    info = [] if compact or channel == "sms" else [_fact_sentence(f, language) for f in parts.plan.info[:2]]
    notes = []
    if parts.notes and channel != "sms":
        lead = pick(bank.options("note_lead", language), seed, "note")
        note = join_sentences(parts.notes, language)
        if steps and parts.threat and not compact:
            tail = bank.text("note_tail", language)
            note = note.rstrip("。.") + ("，" + tail if language == "zh" else ", " + tail)
        notes = [lead + (note if language == "zh" else decapitalize(note))]
    owners = {step.owner for _, step in parts.plan.steps}
    follow = ""
    if channel != "sms" and steps:
        follow = follow_up(parts.plan, language, seed) if owners & {"agent", "team"} else ""
        follow = follow or pick(bank.options("customer_help", language), seed, "customer_help")
    elif channel == "email" and not compact:
        follow = pick(bank.options("closing", language), seed, "closing")

    empathy = end_with(parts.empathy, language) if parts.empathy else ""
    care = reassure if parts.emotion in CARE_FIRST else []
    later = [] if parts.emotion in CARE_FIRST else reassure
    paragraphs = [
        [empathy],
        [*care, *parts.body],
        steps,
        [*later, *info, *notes],
        [follow],
    ]
    if channel == "sms":
        # No lead-in or tail in a text message, but a figure or date only a note carries stays.
        dated = [n for n in parts.notes if text_facts(n).quantities]
        paragraphs = [[empathy], parts.body, steps, [join_sentences(dated, language)] if dated else []]
    joiner = "" if language == "zh" else " "
    blocks = [joiner.join(s for s in p if s) for p in paragraphs]
    blocks = [b for b in blocks if b]
    hello = greeting(request, language)
    sign = signature(request)
    if channel == "email":
        text = (hello + "\n\n" if hello else "") + "\n\n".join(blocks)
        if sign:
            closing = bank.text("sign_off", "en") + "\n" if language == "en" else ""
            text += f"\n\n{closing}{sign}"
        return text.strip()
    if channel in ("sms", "phone"):
        text = joiner.join(blocks)
        if hello and language == "en":
            hello = hello.removeprefix("Hi ").removeprefix("Hello,").strip()
        if hello and language == "en":
            text = decapitalize(text)
        text = (hello + ("" if language == "zh" else " ") + text) if hello else text
        return (text + (joiner + sign if sign and channel == "sms" else "")).strip()
    first, *rest = blocks or [""]
    if not hello:
        head = first
    elif language == "zh":
        head = hello + first
    else:
        head = hello + "\n" + first
    text = "\n".join([head, *rest])
    if sign:
        text += "\n" + sign
    return text.strip()
