"""Steps share one async signature and compose: ``sequence`` and ``concurrent``."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from service.chain._deps import ChainDeps
from service.chain._state import RewriteState

Step = Callable[[RewriteState, ChainDeps], Awaitable[RewriteState]]


def sequence(*steps: Step) -> Step:
    """Run steps one after the other, each seeing what the previous ones filled in."""

    async def run(state: RewriteState, deps: ChainDeps) -> RewriteState:
        for step in steps:
            state = await step(state, deps)
        return state

    return run


def concurrent(*steps: Step) -> Step:
    """Run steps at the same time on the same state; each must fill different fields."""

    async def run(state: RewriteState, deps: ChainDeps) -> RewriteState:
        await asyncio.gather(*(step(state, deps) for step in steps))
        return state

    return run


def unless_failed(step: Step) -> Step:
    """Skip ``step`` once any model step has failed for good (the draft will come back as is)."""

    async def run(state: RewriteState, deps: ChainDeps) -> RewriteState:
        return state if state.failed else await step(state, deps)

    return run
