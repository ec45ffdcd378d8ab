"""One model call of a step: render its prompt, ask for its JSON, record the trace, absorb failures."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel

from service.chain._deps import ChainDeps
from service.chain._state import RewriteState
from service.chain._steps import StepSpec
from service.errors import ModelError
from service.llm import GenerateRequest, generate_structured, schema_for
from service.schemas import TraceEntry

M = TypeVar("M", bound=BaseModel)


async def call_model(
    state: RewriteState,
    deps: ChainDeps,
    spec: StepSpec,
    output: type[M],
    *,
    values: Mapping[str, str],
    schema: dict[str, Any] | None = None,
    required: bool = True,
    on_partial: Callable[[str], Awaitable[None]] | None = None,
) -> M | None:
    """The step's parsed output, or ``None`` after recording why it failed (never raises ModelError)."""
    assert spec.prompt is not None and spec.model_step is not None
    prompt = deps.prompts[spec.prompt]
    target = deps.target(spec.model_step)
    settings = deps.settings
    request = GenerateRequest(
        target=target,
        messages=prompt.messages(values),
        schema=schema or schema_for(output),
        schema_name=spec.schema_name,
        prompt=prompt.id,
        max_tokens=prompt.max_tokens,
        temperature=prompt.temperature if prompt.temperature is not None else settings.temperature,
        timeout_s=settings.timeout_s,
        on_partial=on_partial,
    )
    started = time.perf_counter()

    def trace(**fields: object) -> None:
        elapsed = int((time.perf_counter() - started) * 1000)
        state.trace.append(
            TraceEntry(step=spec.name, prompt=prompt.id, model=target.display, latency_ms=elapsed, **fields)
        )

    try:
        result = await generate_structured(deps.generate, request, output)
    except ModelError as exc:
        trace(attempts=exc.attempts, ok=False, error=str(exc), error_kind=exc.kind)
        if required:
            state.failed.append(f"{spec.name}: {type(exc).__name__}")
        state.warnings.append(f"{spec.name} step failed ({type(exc).__name__}: {exc.message}); nothing was invented.")
        return None
    trace(
        prompt_tokens=sum(r.prompt_tokens for r in result.results),
        completion_tokens=sum(r.completion_tokens for r in result.results),
        attempts=result.attempts,
    )
    costs = [r.cost_usd for r in result.results if r.cost_usd is not None]
    if costs:
        state.cost_usd = (state.cost_usd or 0.0) + sum(costs)
    if len(result.results) > 1:
        state.warnings.append(f"{spec.name}: the model's first answer was invalid and was asked again.")
    return result.value
