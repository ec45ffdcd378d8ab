"""The chain's shapes, run under a time budget, and its state turned into the API response.

Building its dependencies (prompts, model routing) is the composition root's job: ``service.engine``.
"""

from __future__ import annotations

import asyncio
import time

from pydantic import BaseModel

from service.chain._analyse import analyse
from service.chain._assemble import assemble
from service.chain._combinators import Step, concurrent, sequence, unless_failed
from service.chain._compose import compose
from service.chain._deps import ChainDeps, Emit
from service.chain._empathy import empathize
from service.chain._listen import listen
from service.chain._outputs import AnalysisOut, ComposeOut, EmpathyOut, ListenOut, PlanOut, SoftenOut
from service.chain._plan import plan
from service.chain._soften import soften
from service.chain._state import RewriteState
from service.chain._verify import verify
from service.language import detect_language
from service.schemas import RewriteRequest, RewriteResponse, Usage
from service.settings import EMBEDDED_MODEL, Settings, StepName

REQUIRED_PROMPTS: dict[str, type[BaseModel] | None] = {
    "analyse": AnalysisOut,
    "empathy": EmpathyOut,
    "plan": PlanOut,
    "compose": ComposeOut,
    "revise": ComposeOut,
    "listen": ListenOut,
    "soften": SoftenOut,
}

STEPS: tuple[StepName, ...] = ("analyse", "empathy", "plan", "compose", "revise")

# Full shape. Critical path: analyse -> empathy -> compose (3 calls); the plan needs only the draft
# and the policy, so it runs beside analyse+empathy; revise runs only when a check still fails.
CHAIN: Step = sequence(
    concurrent(sequence(analyse, unless_failed(empathize)), plan),
    unless_failed(compose),
    unless_failed(verify),
)

# Fast shape, for small CPU models: one round of concurrent calls (they batch in the runtime's
# parallel slots), then a deterministic assembly. Critical path: one model call.
FAST_CHAIN: Step = sequence(
    concurrent(listen, plan, soften),
    unless_failed(assemble),
    unless_failed(verify),
)


def shape(settings: Settings) -> str:
    """``fast`` or ``full``: the chain shape these settings select."""
    if settings.chain_mode != "auto":
        return settings.chain_mode
    return "fast" if settings.model_for("compose") == EMBEDDED_MODEL else "full"


def chain_for(deps: ChainDeps) -> Step:
    return FAST_CHAIN if shape(deps.settings) == "fast" else CHAIN


def to_response(state: RewriteState, elapsed_ms: int) -> RewriteResponse:
    prompt_tokens = sum(t.prompt_tokens for t in state.trace)
    completion_tokens = sum(t.completion_tokens for t in state.trace)
    degraded = state.degraded or state.reply is None
    return RewriteResponse(
        reply=state.request.draft if degraded else (state.reply or state.request.draft),
        locale=state.language,
        emotion=state.emotion,
        core_need=state.core_need,
        empathy=state.empathy,
        plan=state.plan,
        checks=state.checks,
        warnings=state.warnings,
        degraded=degraded,
        revised=state.revised,
        trace=state.trace,
        usage=Usage(
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            total_tokens=prompt_tokens + completion_tokens,
            model_calls=sum(t.attempts for t in state.trace),
            cost_usd=state.cost_usd,
        ),
        elapsed_ms=elapsed_ms,
    )


async def rewrite(request: RewriteRequest, deps: ChainDeps, emit: Emit | None = None) -> RewriteResponse:
    """Run the chain on ``request``. Model failures never raise: the draft comes back, degraded."""
    started = time.perf_counter()
    language = request.locale or detect_language(request.customer_message)
    state = RewriteState(request=request, language=language, emit=emit)
    try:
        async with asyncio.timeout(deps.settings.chain_timeout_s):
            await chain_for(deps)(state, deps)
    except TimeoutError:
        state.failed.append("timeout")
        state.warnings.append(
            f"the rewrite took longer than {deps.settings.chain_timeout_s:.0f} s; returning the draft."
        )
    response = to_response(state, int((time.perf_counter() - started) * 1000))
    if response.degraded:
        state.warnings.insert(0, "degraded: the model could not finish, so this is your original draft.")
        response = response.model_copy(update={"warnings": list(state.warnings)})
        await state.publish(
            "error", {"reply": response.reply, "warnings": response.warnings, "degraded": True}
        )
    await state.publish("done", response.model_dump(mode="json"))
    return response
