"""The single-call baseline: one prompt asks for emotion, empathy, plan and reply at once.

No chain, no verification, no revision: what one model call does on its own, so the
chain's value is measured rather than assumed. Model failures degrade like the chain does
(the draft comes back with ``degraded: true``).
"""

from __future__ import annotations

import copy
import time
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from evals._dataset import GoldenCase
from service.engine import Endpoint, build_targets
from service.errors import ModelError
from service.language import request_language
from service.llm import GenerateRequest, Generator, ModelTarget, generate_structured, schema_for
from service.prompts import DEFAULT_PROMPTS_DIR, Prompt, load_prompts
from service.schemas import (
    AGENT_COMMITMENT,
    Emotion,
    Empathy,
    Language,
    PlanStep,
    RewriteRequest,
    RewriteResponse,
    TraceEntry,
    Usage,
)
from service.settings import Settings
from service.taxonomy import EmotionLabel
from service.verify import verify_reply

_LANGUAGE: dict[Language, str] = {"zh": "Chinese (简体中文)", "en": "English"}
_NONE: dict[Language, str] = {"zh": "（无）", "en": "(none)"}
_CHANNEL = {
    "chat": "chat: short paragraphs, friendly, no letter formalities",
    "email": "email: greeting line, short paragraphs, sign-off with the agent's signature",
    "sms": "sms: two or three short sentences at most, no greeting line",
    "phone": "phone script: spoken sentences the agent will say aloud, short and simple",
}


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BaselineStep(_Out):
    action: str = Field(max_length=100)
    measure: str = Field(max_length=100)
    deadline: str = Field(max_length=50)
    owner: Literal["agent", "customer", "team"]
    source: str = Field(max_length=20)


class BaselineOut(_Out):
    emotion: EmotionLabel
    intensity: int = Field(ge=1, le=5)
    empathy: str = Field(min_length=1, max_length=300)
    plan: list[BaselineStep] = Field(min_length=1, max_length=3)
    reply: str = Field(min_length=1, max_length=1200)


def baseline_schema(policy_count: int) -> dict[str, Any]:
    schema = copy.deepcopy(schema_for(BaselineOut))
    source = schema["$defs"]["BaselineStep"]["properties"]["source"]
    source.pop("maxLength", None)
    source["enum"] = [*(f"P{i}" for i in range(1, policy_count + 1)), AGENT_COMMITMENT]
    return schema


def baseline_values(request: RewriteRequest, language: Language) -> dict[str, str]:
    none = _NONE[language]
    history = "\n".join(f"{t.role}: {t.text}" for t in request.history[-6:]) or none
    policy = "\n".join(f"P{i}: {fact}" for i, fact in enumerate(request.policy, 1)) or none
    agent = (request.agent.signature or request.agent.name) if request.agent else None
    return {
        "language": _LANGUAGE[language],
        "channel": _CHANNEL[request.channel],
        "tone": request.options.tone,
        "customer_name": (request.customer.name if request.customer else None) or none,
        "signature": agent or none,
        "customer_message": request.customer_message,
        "history": history,
        "draft": request.draft,
        "policy": policy,
    }


def _step(raw: BaselineStep, policy: list[str]) -> PlanStep:
    index = int(raw.source[1:]) - 1 if raw.source[:1] == "P" and raw.source[1:].isdigit() else -1
    source = policy[index] if 0 <= index < len(policy) else AGENT_COMMITMENT
    return PlanStep(action=raw.action, measure=raw.measure, deadline=raw.deadline, owner=raw.owner, source=source)


class BaselineSolver:
    """``await solver(case) -> RewriteResponse`` with a single model call."""

    def __init__(self, generate: Generator, target: ModelTarget, prompt: Prompt, settings: Settings) -> None:
        self.generate = generate
        self.target = target
        self.prompt = prompt
        self.settings = settings

    async def __call__(self, case: GoldenCase) -> RewriteResponse:
        request = case.request
        language = request_language(request)
        prompt = self.prompt
        call = GenerateRequest(
            target=self.target,
            messages=prompt.messages(baseline_values(request, language)),
            schema=baseline_schema(len(request.policy)),
            schema_name="baseline",
            prompt=prompt.id,
            max_tokens=prompt.max_tokens,
            temperature=prompt.temperature if prompt.temperature is not None else self.settings.temperature,
            timeout_s=self.settings.timeout_s,
        )
        started = time.perf_counter()
        try:
            result = await generate_structured(self.generate, call, BaselineOut)
        except ModelError as exc:
            elapsed = int((time.perf_counter() - started) * 1000)
            trace = TraceEntry(
                step="baseline",
                prompt=prompt.id,
                model=self.target.display,
                latency_ms=elapsed,
                attempts=exc.attempts,
                ok=False,
                error=str(exc),
            )
            return RewriteResponse(
                reply=request.draft,
                locale=language,
                degraded=True,
                trace=[trace],
                elapsed_ms=elapsed,
                warnings=[f"degraded: the baseline call failed ({type(exc).__name__}: {exc.message})"],
            )
        out = result.value
        plan = [_step(s, request.policy) for s in out.plan]
        empathy = Empathy(text=out.empathy.strip())
        reply = out.reply.strip()
        prompt_tokens = sum(r.prompt_tokens for r in result.results)
        completion_tokens = sum(r.completion_tokens for r in result.results)
        costs = [r.cost_usd for r in result.results if r.cost_usd is not None]
        latency = sum(r.latency_ms for r in result.results)
        return RewriteResponse(
            reply=reply,
            locale=language,
            emotion=Emotion(label=out.emotion, intensity=out.intensity),
            empathy=empathy,
            plan=plan,
            checks=verify_reply(request, language, reply, empathy, plan),
            trace=[
                TraceEntry(
                    step="baseline",
                    prompt=prompt.id,
                    model=self.target.display,
                    latency_ms=latency,
                    prompt_tokens=prompt_tokens,
                    completion_tokens=completion_tokens,
                    attempts=result.attempts,
                )
            ],
            usage=Usage(
                prompt_tokens=prompt_tokens,
                completion_tokens=completion_tokens,
                total_tokens=prompt_tokens + completion_tokens,
                model_calls=result.attempts,
                cost_usd=sum(costs) if costs else None,
            ),
            elapsed_ms=int((time.perf_counter() - started) * 1000),
        )


def load_baseline_prompt(prompts_dir: Path | None = None) -> Prompt:
    """``baseline.yaml`` from ``prompts_dir`` when it has one, else from the packaged prompts/."""
    directory = prompts_dir if prompts_dir and (prompts_dir / "baseline.yaml").is_file() else DEFAULT_PROMPTS_DIR
    return load_prompts(directory, {"baseline": BaselineOut})["baseline"]


def baseline_solver(settings: Settings, generate: Generator, embedded: Endpoint | None = None) -> BaselineSolver:
    target = build_targets(settings, embedded)["compose"]
    return BaselineSolver(generate, target, load_baseline_prompt(settings.prompts_dir), settings)
