"""Fill the embedded runtime's prompt cache with each prompt's static prefix, once, at start-up.

The system text and worked examples are most of every prompt; prefilled once per slot they are
served from cache afterwards (measured: a cold first rewrite ~60 s, warm ones ~10 s on 2 cores).
"""

from __future__ import annotations

import asyncio
import logging
import time

from service.chain._deps import ChainDeps
from service.errors import ModelError
from service.llm import GenerateRequest
from service.settings import StepName

log = logging.getLogger("tactful.warmup")

FAST_PROMPTS: dict[str, StepName] = {"listen": "analyse", "plan": "plan", "soften": "compose"}
FULL_PROMPTS: dict[str, StepName] = {"analyse": "analyse", "plan": "plan", "empathy": "empathy", "compose": "compose"}


async def warm_up(deps: ChainDeps, prompts: dict[str, StepName]) -> float:
    """Send every prompt's prefix with a one-token answer, concurrently (one slot each); seconds taken."""
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

    await asyncio.gather(*(one(name, step) for name, step in prompts.items()))
    took = time.perf_counter() - started
    log.info("prompt cache warmed in %.1f s", took)
    return took
