"""Checks ``no_unsupported_claims`` and ``draft_facts_kept``: numbers and promises come from the inputs."""

from __future__ import annotations

from service.schemas import AGENT_COMMITMENT, Check, Finding, PlanStep, RewriteRequest
from service.verify._compensation import compensation_concepts, find_compensation
from service.verify._detail import items, located, verdict
from service.verify._facts import lost_facts
from service.verify._quantity import Quantity, unsupported
from service.verify._textfacts import quantities_of, text_facts

UNSUPPORTED = "no_unsupported_claims"
FACTS_KEPT = "draft_facts_kept"


def _commitments(plan: list[PlanStep]) -> list[str]:
    return [
        text for step in plan if step.source == AGENT_COMMITMENT
        for text in (step.action, step.measure, step.deadline)
    ]  # fmt: skip


def _people(request: RewriteRequest) -> list[str]:
    people = [p for p in (request.customer, request.agent) if p is not None]
    return [text for p in people for text in (p.name, p.signature) if text]


def claim_sources(request: RewriteRequest, plan: list[PlanStep]) -> list[str]:
    """Texts whose quantities a reply may state: draft, customer words (minus any injected
    instruction and what follows it), history, policy, names and signatures, agent commitments."""
    history = [text_facts(t.text).clean if t.role == "customer" else t.text for t in request.history]
    return [
        request.draft,
        text_facts(request.customer_message).clean,
        *history,
        *request.policy,
        *_people(request),
        *_commitments(plan),
    ]


def compensation_sources(request: RewriteRequest, plan: list[PlanStep]) -> list[str]:
    """Texts that may grant compensation: the draft, the policy, earlier agent turns, agent commitments.

    The customer's own words are not among them: asking for a voucher does not make one available.
    """
    agent_turns = [t.text for t in request.history if t.role == "agent"]
    return [request.draft, *request.policy, *agent_turns, *_commitments(plan)]


def unsupported_quantities(reply: str, sources: list[str]) -> list[Quantity]:
    return unsupported(text_facts(reply).quantities, quantities_of(sources))


def no_unsupported_claims(request: RewriteRequest, reply: str, plan: list[PlanStep]) -> Check:
    numbers = unsupported_quantities(reply, claim_sources(request, plan))
    granted = set().union(*(compensation_concepts(t) for t in compensation_sources(request, plan)))
    offers = [(concept, term) for concept, term in find_compensation(reply) if concept not in granted]
    if not numbers and not offers:
        return Check(
            name=UNSUPPORTED,
            passed=True,
            detail="every number, date, time limit and compensation in the reply is in the inputs",
        )
    found = [located("unsupported_figure", q.text, reply) for q in numbers]
    found += [located("unsupported_compensation", term, reply, source=concept) for concept, term in offers]
    parts = []
    if numbers:
        parts.append(
            "numbers not in draft, customer message, history or policy: "
            + items(f.text for f in found if f.kind == "unsupported_figure")
        )
    if offers:
        parts.append(
            "compensation not granted by draft, policy or an agent_commitment step: "
            + items(f.text for f in found if f.kind == "unsupported_compensation")
        )
    return Check(name=UNSUPPORTED, passed=False, detail="; ".join(parts), findings=found)


def draft_facts_kept(draft: str, reply: str) -> Check:
    lost = lost_facts(text_facts(draft).clean, reply)
    return verdict(
        FACTS_KEPT,
        [Finding(kind=f"lost_{f.kind}", text=f.text, where="draft") for f in lost],
        failed="draft facts missing from the reply: ",
        passed="every number, ID, link and name of the draft is kept",
    )
