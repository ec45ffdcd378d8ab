"""Check ``injection_clean``: nothing an injected instruction asked for shows up in any field."""

from __future__ import annotations

from service.schemas import Check, Empathy, Finding, PlanStep, RewriteRequest
from service.verify._detail import located, verdict
from service.verify._injection import borrowed, find_injection_echoes
from service.verify._textfacts import injected_parts, text_facts

NAME = "injection_clean"


def injection_clean(request: RewriteRequest, reply: str, empathy: Empathy | None, plan: list[PlanStep]) -> Check:
    said = [request.customer_message, request.draft, *(t.text for t in request.history)]
    injected = injected_parts(said)
    clean = "\n".join([*(text_facts(t).clean for t in said), *request.policy])
    fields = {"reply": reply, "empathy": empathy.text if empathy else ""}
    fields["plan"] = " ".join(f"{s.action} {s.measure} {s.deadline}" for s in plan)
    found: list[Finding] = []
    for where, text in fields.items():
        found += [located("instruction", t, text, where=where) for t in find_injection_echoes(text)]
        if injected:
            found += [Finding(kind="injected_text", text=t, where=where) for t in borrowed(text, injected, clean)[:3]]
    return verdict(
        NAME,
        found,
        failed="injected text in the answer: ",
        passed="nothing from an injected instruction in reply, empathy or plan",
        hard=True,
        show=lambda f: f"{f.where}: {f.text}",
    )
