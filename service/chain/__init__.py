"""The rewrite chain, in two shapes over the same steps and checks (declared once in :mod:`._steps`).

- fast (small CPU models): cue -> read (one model call) -> realise (phrasing layer) -> verify
- full (hosted models):   cue -> read -> realise -> compose (model rewrite) -> verify (-> revise)

Public API::

    deps = service.engine.build_deps(settings, generate)   # the composition root builds them
    response = await rewrite(request, deps, emit=None)          # never raises ModelError

Every step is ``async def step(state: RewriteState, deps: ChainDeps) -> RewriteState`` and
steps compose with :func:`sequence` and :func:`concurrent`.
"""

from service.chain._case import fenced
from service.chain._combinators import Step, concurrent, sequence, unless_failed
from service.chain._deps import ChainDeps, Emit
from service.chain._run import (
    CHAIN,
    FAST_CHAIN,
    MODEL_STEPS,
    chain_for,
    example_texts,
    rewrite,
    shape,
)
from service.chain._state import RewriteState
from service.chain._steps import CALLS_AT_ONCE, FAST_STEPS, FULL_STEPS, STEPS, StepSpec, required_prompts
from service.chain._warmup import FAST_PROMPTS, FULL_PROMPTS, warm_up

REQUIRED_PROMPTS = required_prompts()

__all__ = [
    "CALLS_AT_ONCE",
    "CHAIN",
    "FAST_CHAIN",
    "FAST_PROMPTS",
    "FAST_STEPS",
    "FULL_PROMPTS",
    "FULL_STEPS",
    "MODEL_STEPS",
    "REQUIRED_PROMPTS",
    "STEPS",
    "ChainDeps",
    "Emit",
    "RewriteState",
    "Step",
    "StepSpec",
    "chain_for",
    "concurrent",
    "example_texts",
    "fenced",
    "rewrite",
    "sequence",
    "shape",
    "unless_failed",
    "warm_up",
]
