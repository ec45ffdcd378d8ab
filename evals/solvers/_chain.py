"""The product under test: the rewrite chain, in-process."""

from __future__ import annotations

from dataclasses import replace

from evals._dataset import GoldenCase
from evals.solvers._targets import Embedded, targets_for
from service.chain import ChainDeps, build_deps, rewrite
from service.llm import Generator
from service.schemas import RewriteResponse
from service.settings import Settings


class ChainSolver:
    """``await solver(case) -> RewriteResponse``: the chain on the case's request."""

    def __init__(self, deps: ChainDeps) -> None:
        self.deps = deps

    async def __call__(self, case: GoldenCase) -> RewriteResponse:
        return await rewrite(case.request, self.deps)


def chain_solver(settings: Settings, generate: Generator, embedded: Embedded | None = None) -> ChainSolver:
    """Prompts are loaded strictly from ``settings.prompts_dir`` (default: the repository's prompts/)."""
    deps = build_deps(settings, generate)
    return ChainSolver(replace(deps, targets=targets_for(settings, embedded)))
