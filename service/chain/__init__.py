"""The rewrite chain, in two shapes over the same steps and checks.

- full: analyse -> (empathy || plan) -> compose -> verify (-> one revision)
- fast: (listen || plan || soften) -> assemble -> verify (-> one revision), for small CPU models

Public API::

    deps = service.engine.build_deps(settings, generate)   # the composition root builds them
    response = await rewrite(request, deps, emit=None)       # never raises ModelError

Every step is ``async def step(state: RewriteState, deps: ChainDeps) -> RewriteState`` and
steps compose with :func:`sequence` and :func:`concurrent`.
"""

from service.chain._combinators import Step, concurrent, sequence, unless_failed
from service.chain._deps import ChainDeps, Emit
from service.chain._run import (
    CHAIN,
    FAST_CHAIN,
    REQUIRED_PROMPTS,
    STEPS,
    chain_for,
    rewrite,
    shape,
)
from service.chain._state import RewriteState
from service.chain._warmup import FAST_PROMPTS, FULL_PROMPTS, warm_up

__all__ = [
    "CHAIN",
    "FAST_CHAIN",
    "FAST_PROMPTS",
    "FULL_PROMPTS",
    "REQUIRED_PROMPTS",
    "STEPS",
    "ChainDeps",
    "Emit",
    "RewriteState",
    "Step",
    "chain_for",
    "concurrent",
    "rewrite",
    "sequence",
    "shape",
    "unless_failed",
    "warm_up",
]
