"""Fast shape, compose: put the reply together without another model call.

Greeting, the empathy sentence, the draft's content (softened, or the draft itself when the softened
text lost a fact), the plan as the customer will read it, a closing that closes the loop, the
signature. Deterministic, so nothing is invented here and nothing of the plan gets lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import yaml

from service.chain._deps import ChainDeps
from service.chain._state import RewriteState
from service.schemas import Language, PlanStep
from service.verify import find_platitudes, find_quantities, strip_injected, unsupported

_SENTENCE = re.compile(r"(?<=[。！？!?；;\n])|(?<=[.!?])\s+")
_CLAUSE = re.compile(r"(?<=[，,。！？!?；;\n])")

PLAN_HEADER: dict[Language, str] = {"zh": "接下来的安排：", "en": "Here is what happens next:"}
ORDINALS: dict[Language, tuple[str, ...]] = {
    "zh": ("首先", "接着", "最后"),
    "en": ("First", "Then", "Finally"),
}
CLOSING: dict[Language, dict[bool, str]] = {
    "zh": {True: "有新进展我会第一时间联系您。", False: "还有其他问题，随时告诉我。"},
    "en": {
        True: "I will update you as soon as there is news.",
        False: "If anything else comes up, just reply here.",
    },
}
CALM = {"neutral", "satisfaction"}


def sentences(text: str) -> list[str]:
    return [s for s in (p.strip() for p in _SENTENCE.split(text)) if s]


def edit_sentences(text: str, language: Language, edit: Callable[[str], str | None]) -> str:
    """Apply ``edit`` to every sentence (None drops it), keeping the line layout."""
    joiner = "" if language == "zh" else " "
    lines = []
    for line in text.split("\n"):
        kept = [e for e in (edit(s) for s in sentences(line)) if e]
        lines.append(joiner.join(kept) if kept or not line.strip() else None)
    out = "\n".join(line for line in lines if line is not None)
    return re.sub(r"\n{3,}", "\n\n", out).strip()


@lru_cache(maxsize=1)
def _pressure() -> dict[str, tuple[str, ...]]:
    raw = yaml.safe_load((Path(__file__).resolve().parent.parent / "data" / "pressure.yaml").read_text("utf-8"))
    return {lang: tuple(p.lower() for p in raw[lang]) for lang in ("zh", "en")}


def find_pressure(text: str) -> list[str]:
    """High-pressure or blaming phrases in ``text`` (务必 / 否则 / "you must" ...)."""
    low = text.lower()
    return [p for phrases in _pressure().values() for p in phrases if p in low]


def _stock(clause: str) -> bool:
    return bool(find_platitudes(clause) or find_pressure(clause))


def strip_platitudes(text: str, language: Language) -> str:
    """The text without the clauses that are stock or pressure phrases; the rest of each sentence stays."""

    def edit(sentence: str) -> str | None:
        if not _stock(sentence):
            return sentence
        clauses = [c for c in _CLAUSE.split(sentence) if c.strip() and not _stock(c)]
        rest = "".join(clauses).strip().rstrip("，,;；")
        return _end(rest, language) if rest else None

    return edit_sentences(text, language, edit)


def keeps_quantities(original: str, rewritten: str) -> bool:
    return not unsupported(find_quantities(original), find_quantities(rewritten))


def _end(text: str, language: Language) -> str:
    text = text.strip()
    if not text or text[-1] in "。！？.!?）)":
        return text
    return text + ("。" if language == "zh" else ".")


def render_step(step: PlanStep, language: Language, *, with_measure: bool = True) -> str:
    action = step.action.strip().rstrip("。.")
    measure = step.measure.strip().rstrip("。.")
    if language == "zh":
        line = f"{action}（{step.deadline}）"
        return _end(f"{line}——{measure}" if with_measure and measure else line, language)
    action = action[:1].upper() + action[1:]
    line = f"{action} ({step.deadline})"
    return _end(
        f"{line} — {measure[:1].lower()}{measure[1:]}" if with_measure and measure else line, language
    )


def render_plan(plan: list[PlanStep], language: Language, channel: str, *, compact: bool = False) -> str:
    if not plan:
        return ""
    if channel == "sms":
        return render_step(plan[0], language, with_measure=False)
    if channel == "phone":
        joiner = "" if language == "zh" else " "
        parts = []
        for word, step in zip(ORDINALS[language], plan, strict=False):
            text = render_step(step, language, with_measure=not compact)
            parts.append(f"{word}，{text}" if language == "zh" else f"{word}, {text[0].lower()}{text[1:]}")
        return joiner.join(parts)
    lines = [render_step(s, language, with_measure=not compact) for s in plan]
    return "\n".join([PLAN_HEADER[language], *(f"{i}. {line}" for i, line in enumerate(lines, start=1))])


_GREETING = re.compile(
    r"^\s*(?:[^\s，,：:]{0,8}(?:您好|你好)[，,！!：:。]?|(?:hi|hello|dear)\b[^,\n]{0,40}[,!:]?)\s*", re.I
)


def without_greeting(text: str) -> str:
    """The draft's own greeting line would repeat ours."""
    return _GREETING.sub("", text, count=1).strip()


def body_for(state: RewriteState) -> str:
    draft = without_greeting(strip_injected(state.request.draft))
    if state.body is not None:
        state.body = without_greeting(state.body)
    if state.body and keeps_quantities(draft, state.body) and len(state.body) >= len(draft) // 3:
        return strip_platitudes(state.body, state.language) or state.body
    if state.body is not None:
        state.warnings.append(
            "compose: the softened draft lost a figure or most of its content; using the draft's own sentences."
        )
    return strip_platitudes(draft, state.language)


def assemble_reply(state: RewriteState, body: str, *, compact: bool = False) -> str:
    req = state.request
    lang = state.language
    name = req.customer.name if req.customer and req.customer.name else ""
    signature = (req.agent.signature or req.agent.name) if req.agent else None
    if lang == "zh":
        greeting = f"{name}您好{'：' if req.channel == 'email' else '，'}"
    else:
        greeting = f"Dear {name}," if req.channel == "email" and name else (f"Hi {name}," if name else "")
    calm = state.emotion is not None and state.emotion.label in CALM
    parts = [
        _end(state.empathy.text, lang) if state.empathy else "",
        _end(body, lang),
        render_plan(state.plan, lang, req.channel, compact=compact),
        "" if req.channel == "sms" else CLOSING[lang][not calm],
    ]
    parts = [p for p in parts if p]
    if req.channel == "sms":
        text = ("" if lang == "zh" else " ").join(parts)
        return f"{greeting}{text}" if lang == "zh" else f"{greeting} {text}".strip()
    sep = "\n\n" if req.channel == "email" else "\n"
    head = (
        greeting + ("\n\n" if req.channel == "email" else ("" if lang == "zh" else " ")) if greeting else ""
    )
    text = head + sep.join(parts)
    if signature:
        text += (
            f"{sep}{signature}"
            if lang == "zh"
            else f"{sep}{'Best regards,' + chr(10) if req.channel == 'email' else ''}{signature}"
        )
    return text.strip()


async def assemble(state: RewriteState, deps: ChainDeps) -> RewriteState:
    body = body_for(state)
    reply = assemble_reply(state, body)
    limit = state.request.options.max_length
    if limit and len(reply) > limit:
        reply = assemble_reply(state, body, compact=True)
    state.reply = reply
    await state.publish("reply", {"reply": reply, "revised": False})
    return state
