"""Fill the embedded runtime's prompt cache with each prompt's static prefix, once, at start-up.

The system text and worked examples are most of every prompt; prefilled once per slot they are
served from cache afterwards.
"""

from __future__ import annotations

import asyncio
import logging
import time

from service.chain._deps import ChainDeps
from service.chain._steps import FAST_STEPS, FULL_STEPS, prompts_of
from service.errors import ModelError
from service.llm import GenerateRequest
from service.settings import StepName

log = logging.getLogger("tactful.warmup")

FAST_PROMPTS: dict[str, StepName] = prompts_of(FAST_STEPS)
FULL_PROMPTS: dict[str, StepName] = prompts_of(FULL_STEPS)


async def warm_up(deps: ChainDeps, prompts: dict[str, StepName], copies: int = 1) -> float:
    """Send every prompt's prefix with a one-token answer, ``copies`` at a time (one slot each)."""
    started = time.perf_counter()

    async def one(name: str, step: StepName) -> None:
        prompt = deps.prompts[name]
        values = {v: "…" for v in prompt.variables}
        request = GenerateRequest(
            target=deps.target(step),
            messages=prompt.messages(values),
            schema={"type": "object"},
            schema_name=f"warmup-{name}",
            prompt=prompt.id,
            max_tokens=1,
            temperature=0.0,
            timeout_s=600,
        )
        try:
            await deps.generate(request)
        except ModelError as exc:
            log.warning("warm-up of %s failed: %s", name, exc)

    await asyncio.gather(*(one(name, step) for name, step in prompts.items() for _ in range(copies)))
    took = time.perf_counter() - started
    log.info("prompt cache warmed in %.1f s", took)
    return took
