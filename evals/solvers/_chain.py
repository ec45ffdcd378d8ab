"""The product under test: the rewrite chain, in-process."""

from __future__ import annotations

from evals._dataset import GoldenCase
from service.chain import ChainDeps, rewrite
from service.engine import Endpoint, build_deps
from service.llm import Generator
from service.schemas import RewriteResponse
from service.settings import Settings


class ChainSolver:
    """``await solver(case) -> RewriteResponse``: the chain on the case's request."""

    def __init__(self, deps: ChainDeps) -> None:
        self.deps = deps

    async def __call__(self, case: GoldenCase) -> RewriteResponse:
        return await rewrite(case.request, self.deps)


def chain_solver(settings: Settings, generate: Generator, embedded: Endpoint | None = None) -> ChainSolver:
    """Prompts are loaded strictly from ``settings.prompts_dir`` (default: the packaged prompts/);
    steps on the embedded model go to ``embedded`` (the engine's runtime), if any."""
    return ChainSolver(build_deps(settings, generate, embedded))
