"""The chain's shapes, run under a time budget, and its state turned into the API response.

Building its dependencies (prompts, model routing) is the composition root's job: ``service.engine``.
"""

from __future__ import annotations

import asyncio
import logging
import time

from service.chain._combinators import Step, sequence, unless_failed
from service.chain._compose import compose
from service.chain._cue import cue, first_emotion
from service.chain._deps import ChainDeps, Emit
from service.chain._read import read
from service.chain._realise import realise_reply
from service.chain._state import RewriteState
from service.chain._verify import verify
from service.errors import InputError
from service.language import request_language
from service.phrasing import Reading, realise, request_seed
from service.profiles import Profile
from service.prompts import PromptSet
from service.schemas import RewriteRequest, RewriteResponse, TraceEntry, Usage
from service.settings import EMBEDDED_MODEL, Settings, StepName
from service.verify import extra_harm

log = logging.getLogger("tactful.chain")

# Fast shape, for small CPU models: one model call that reads the case, then the phrasing layer
# writes the reply; the checks and the final gate run on it. Critical path: one model call.
FAST_CHAIN: Step = sequence(cue, read, unless_failed(realise_reply), unless_failed(verify))

# Full shape, for hosted models: the same reading and assembly, then the model rewrites the assembled
# reply in its own words (verify may ask for one revision; the gate falls back to the assembled reply).
CHAIN: Step = sequence(cue, read, unless_failed(realise_reply), unless_failed(compose), unless_failed(verify))

MODEL_STEPS: tuple[StepName, ...] = ("read", "compose", "revise")


def shape(settings: Settings) -> str:
    """``fast`` or ``full``: the chain shape these settings select."""
    if settings.chain_mode != "auto":
        return settings.chain_mode
    return "fast" if settings.model_for("read") == EMBEDDED_MODEL else "full"


def chain_for(deps: ChainDeps) -> Step:
    return FAST_CHAIN if shape(deps.settings) == "fast" else CHAIN


def example_texts(prompts: PromptSet) -> tuple[str, ...]:
    """The prompts' example-only strings (their ``markers``): a reply must never contain one."""
    return tuple(dict.fromkeys(m for name in prompts.names() for m in prompts[name].markers))


def to_response(state: RewriteState, elapsed_ms: int) -> RewriteResponse:
    prompt_tokens = sum(t.prompt_tokens for t in state.trace)
    completion_tokens = sum(t.completion_tokens for t in state.trace)
    degraded = state.degraded or state.reply is None
    reason = None
    if any(f.startswith("gate:") for f in state.failed):
        reason = "final_gate"
    elif "internal error" in state.failed:
        reason = "internal_error"
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
        degraded_reason=reason if degraded else None,
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


def _analysis_without_model(state: RewriteState) -> None:
    """After a model failure: the keyword emotion and the policy plan still help the agent (marked)."""
    if state.emotion is None:
        state.emotion = first_emotion(state)
        state.warnings.append("emotion: estimated from keywords only (the model did not answer).")
    if not state.plan and state.request.policy:
        reading = Reading(emotion=state.emotion.label, intensity=state.emotion.intensity)
        state.plan = realise(state.request, state.language, reading, seed=state.seed).plan


def profiled(request: RewriteRequest, deps: ChainDeps) -> tuple[RewriteRequest, Profile | None]:
    """The request as its brand profile makes it (``request.profile``, else the default), and the profile.
    An unknown name raises :class:`InputError` (the API checks it before admitting the request)."""
    try:
        profile = deps.profiles.resolve(request.profile)
    except KeyError:
        raise InputError(
            f"unknown profile {request.profile!r} (known: {deps.profiles.known()})", field="profile"
        ) from None
    return (request, None) if profile is None else (profile.apply(request), profile)


async def rewrite(request: RewriteRequest, deps: ChainDeps, emit: Emit | None = None) -> RewriteResponse:
    """Run the chain on ``request``. Model failures never raise: the draft comes back, degraded."""
    started = time.perf_counter()
    request, profile = profiled(request, deps)
    language = request_language(request)
    state = RewriteState(request=request, language=language, emit=emit, seed=request_seed(request))
    if profile is not None:
        state.trace.append(TraceEntry(step="profile", prompt=profile.id, model="-", latency_ms=0, attempts=0))
    try:
        async with asyncio.timeout(deps.settings.chain_timeout_s):
            with extra_harm(profile.phrases() if profile else ()):
                await chain_for(deps)(state, deps)
    except TimeoutError:
        state.failed.append("timeout")
        state.warnings.append(
            f"the rewrite took longer than {deps.settings.chain_timeout_s:.0f} s; returning the draft."
        )
    except Exception as exc:  # a bug must cost the agent nothing: their draft comes back, marked
        log.exception("internal error in the chain")
        state.failed.append("internal error")
        state.warnings.append(f"internal error ({type(exc).__name__}); returning the draft.")
    if state.degraded or state.reply is None:
        _analysis_without_model(state)
    response = to_response(state, int((time.perf_counter() - started) * 1000))
    if response.degraded:
        why = "; ".join(state.failed) or "no reply"
        state.warnings.insert(0, f"degraded ({why}): this is your original draft, unchanged.")
        response = response.model_copy(update={"warnings": list(state.warnings)})
        await state.publish("error", {"reply": response.reply, "warnings": response.warnings, "degraded": True})
    await state.publish("done", response.model_dump(mode="json"))
    return response
