"""Assemble the chain, run it under a time budget, and turn its state into the API response."""

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
from service.llm import Generator, ModelTarget
from service.prompts import load_prompts
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


EMBEDDED_TARGET_MODEL = "openai/embedded"


def build_targets(
    settings: Settings,
    embedded_url: str | None = None,
    embedded_label: str = "embedded",
    embedded_key: str = "sk-local",
) -> dict[StepName, ModelTarget]:
    targets: dict[StepName, ModelTarget] = {}
    key = settings.api_key.get_secret_value() if settings.api_key else None
    for step in STEPS:
        model = settings.model_for(step)
        if model == EMBEDDED_MODEL:
            targets[step] = ModelTarget(
                model=EMBEDDED_TARGET_MODEL,
                api_base=embedded_url,
                api_key=embedded_key,
                label=embedded_label,
                constrain="llguidance",
            )
        else:
            targets[step] = ModelTarget(model=model, api_base=settings.api_base, api_key=key, label=model)
    return targets


def build_deps(
    settings: Settings,
    generate: Generator,
    embedded_url: str | None = None,
    embedded_label: str = "embedded",
) -> ChainDeps:
    """Load the prompts strictly and bind every step to its model target."""
    prompts = load_prompts(settings.prompts_dir, REQUIRED_PROMPTS)
    return ChainDeps(
        generate=generate,
        prompts=prompts,
        settings=settings,
        targets=build_targets(settings, embedded_url, embedded_label),
    )


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
