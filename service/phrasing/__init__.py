"""The bilingual phrasing layer: a reply realised from what the model read, without another model call.

The model extracts and classifies (emotion, the evidence clause, the customer's situation in a few
words, the most helpful policy fact); this package writes the reply from those parts and the request:

    parts = realise(request, language, reading, seed=request_seed(request))
    parts.reply, parts.empathy, parts.plan, parts.warnings

Pieces: :mod:`._clauses` (split/join), :mod:`._person` (voice), :mod:`._facts` (policy facts in the
agent's voice, who acts, by when), :mod:`._draft` (what of the draft stays), :mod:`._empathy`,
:mod:`._plan`, :mod:`._reply` (per channel), :mod:`._bank` (``service/data/phrasing.yaml``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace

from service.phrasing._bank import load_bank, pick
from service.phrasing._clauses import Clause, clauses, end_with, sentences, strip_end
from service.phrasing._draft import DraftParts, neutralise, read_draft
from service.phrasing._empathy import GRIEF, clean_situation, copied_share, empathy_sentence, situation_problem
from service.phrasing._facts import Fact, find_deadline, read_fact, read_facts
from service.phrasing._person import policy_to_you
from service.phrasing._plan import PlanParts, build_plan
from service.phrasing._relevance import off_topic, prime
from service.phrasing._reply import ReplyParts, assemble, greeting, signature
from service.phrasing._summary import candidates, customer_clauses
from service.phrasing._voice import customer_to_agent, first_person, third_person
from service.schemas import Empathy, Language, PlanStep, RewriteRequest
from service.verify import text_facts, unsupported
from service.verify._budget import length_limit, reply_length


@dataclass(frozen=True)
class Reading:
    """What the model read in the case (the fast shape's one model call)."""

    emotion: str
    intensity: int
    picked: tuple[str, ...] = ()
    """The customer's clauses the model picked as their situation (in their order)."""
    best: str | None = None


@dataclass
class Realised:
    reply: str
    empathy: Empathy
    plan: list[PlanStep]
    draft: DraftParts
    situation: str | None
    warnings: list[str] = field(default_factory=list)


def request_seed(request: RewriteRequest) -> str:
    return hashlib.sha256(f"{request.customer_message}\x00{request.draft}".encode()).hexdigest()[:16]


def _content(text: str) -> set[str]:
    cjk = "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")
    words = {w[:5] for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2 and w not in _LIGHT}
    return {cjk[i : i + 2] for i in range(len(cjk) - 1)} | words


_LIGHT = frozenset(
    {"the", "and", "for", "you", "your", "are", "can", "with", "from", "this", "that", "will", "has", "have", "our"}
)


def covered(text: str, by: str) -> bool:
    """``by`` says all that ``text`` says: most of its content, and every figure."""
    a, b = _content(text), _content(by)
    if not a or len(a & b) / len(a) < 0.75:
        return False
    return not unsupported(text_facts(text).quantities, text_facts(by).quantities)


def _without_repeats(body: list[str], said: list[str]) -> tuple[list[str], list[str]]:
    """Draft sentences a plan step already says (same content, every figure kept there) go."""
    kept: list[str] = []
    gone: list[str] = []
    for sentence in body:
        (gone if any(covered(sentence, s) for s in said) else kept).append(sentence)
    return kept, gone


def choose_situation(
    picked: tuple[str, ...], message: str, known: str, injected: str, language: Language, *, calm: bool = False
) -> tuple[str | None, str | None]:
    """A short restatement of the clauses the model picked, else of the customer's most specific ones
    (not for a ``calm`` customer asking a plain question: their words are not a situation to restate),
    else None (a plain opening). The second value says what happened, for the warnings."""
    tries = [("picked", c) for c in candidates(list(picked), language)] if picked else []
    if not calm:
        tries += [("all", c) for c in candidates(customer_clauses(message), language)]
    problems: list[str] = []
    for source, candidate in tries:
        problem = situation_problem(candidate, known, injected, language)
        if problem is None:
            note = (
                None
                if source == "picked"
                else "empathy: the clauses the model picked gave no usable summary; "
                "used the customer's most specific ones."
            )
            return candidate, note if picked else None
        if len(problems) < 2:
            problems.append(f"{candidate!r} {problem}")
    return None, "empathy: no usable summary of the situation" + (
        f" ({'; '.join(problems)})" if problems else ""
    ) + "; used a plain opening."


def realise(request: RewriteRequest, language: Language, reading: Reading, *, seed: str) -> Realised:
    warnings: list[str] = []
    message = request.customer_message
    said = (message, request.draft, *(h.text for h in request.history))
    injected = " ".join(text_facts(t).injected for t in said)
    clean_message, clean_draft = text_facts(message).clean, text_facts(request.draft).clean
    known = f"{clean_message}\n{clean_draft}"
    situation, note = choose_situation(
        reading.picked, message, known, injected, language, calm=reading.emotion in ("neutral", "satisfaction")
    )
    if note:
        warnings.append(note)
    grief = bool(GRIEF.search(clean_message))
    empathy_text = empathy_sentence(situation, reading.emotion, language, seed, grief=grief)
    facts = read_facts(request.policy, language, message=clean_message)
    # What the agent offers to do and what will not happen to the customer are kept whatever their
    # wording: a policy states those for cases like this one.
    steps = {i for i, f in enumerate(facts) if f.kind in ("customer", "process")}
    aside = off_topic([f.text for f in facts], clean_message, clean_draft, steps=steps)
    aside -= {i for i, f in enumerate(facts) if f.kind in ("agent", "assure")}
    for i in sorted(aside):
        if facts[i].id != reading.best:
            warnings.append(f"plan: policy fact {facts[i].id} does not speak to this case; left out.")
    facts = [f for i, f in enumerate(facts) if i not in aside or f.id == reading.best]
    context = f"{clean_message} {clean_draft}"
    plan = build_plan(facts, reading.best, language, context=context)
    draft = read_draft(
        request.draft,
        language,
        has_plan=bool(plan.steps or plan.info or plan.reassure),
        known=[f.text for f in facts],
        customer_message=clean_message,
        policy=list(request.policy),
        agent_facts=[f.said for f in facts if f.kind == "agent"],
    )
    body_text = " ".join(draft.body)
    plan.quiet.update(i for i, (_, step) in enumerate(plan.steps) if covered(step.action, body_text))
    spoken = [step.action for i, (_, step) in enumerate(plan.steps) if i not in plan.quiet]
    draft.body, repeated = _without_repeats(draft.body, spoken)
    for text in repeated:
        warnings.append(f"draft: {text!r} says what a plan step says; kept the step.")
    plan.info[:] = [f for f in plan.info if not covered(f.said, body_text)]
    for kind, text in draft.dropped:
        if kind != "greeting":
            warnings.append(f"draft: dropped {kind} wording {text!r}.")
    parts = ReplyParts(
        empathy=empathy_text,
        body=draft.body,
        plan=plan,
        notes=draft.notes,
        emotion=reading.emotion,
        threat=draft.threat,
    )
    reply = assemble(request, language, parts, seed=seed)
    limit = length_limit(request.channel, language, request.options.max_length)
    # Over the channel's length: the extras go first, then the opening shrinks to the feeling alone,
    # then the plan keeps its first step only; the draft's own information always stays.
    shorter = [
        parts,
        replace(parts, empathy=load_bank().plain(language, reading.emotion)),
        replace(parts, empathy=""),
        replace(parts, empathy="", plan=replace(plan, steps=plan.steps[:1], info=[], reassure=[])),
        replace(parts, empathy="", plan=replace(plan, steps=[], info=[], reassure=[])),
    ]
    for candidate in shorter:
        if reply_length(reply) <= limit:
            break
        reply = assemble(request, language, candidate, seed=seed, compact=True)
        if candidate.empathy != parts.empathy and reply_length(reply) <= limit:
            warnings.append(f"length: shortened to fit {limit} characters ({request.channel}).")
    details = [situation] if situation else []
    return Realised(
        reply=reply,
        empathy=Empathy(text=empathy_text, details=details),
        plan=[step for _, step in plan.steps],
        draft=draft,
        situation=situation,
        warnings=warnings,
    )


__all__ = [
    "Clause",
    "DraftParts",
    "Fact",
    "PlanParts",
    "Reading",
    "Realised",
    "ReplyParts",
    "assemble",
    "build_plan",
    "clauses",
    "clean_situation",
    "copied_share",
    "customer_to_agent",
    "empathy_sentence",
    "end_with",
    "find_deadline",
    "first_person",
    "greeting",
    "load_bank",
    "neutralise",
    "pick",
    "policy_to_you",
    "prime",
    "read_draft",
    "read_fact",
    "read_facts",
    "realise",
    "request_seed",
    "sentences",
    "signature",
    "situation_problem",
    "strip_end",
    "third_person",
]
