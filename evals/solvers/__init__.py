"""Solvers: ``await solver(case) -> RewriteResponse``.

- ``chain``: the rewrite chain in-process (``service.chain.rewrite``), any model, any prompt dir;
- ``baseline``: one prompt, one call (prompts/baseline.yaml), so the chain's value is measured;
- ``http``: a running service, ``POST /rewrite``, to evaluate a deployment.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from evals._dataset import GoldenCase
from evals.solvers._baseline import BaselineOut, BaselineSolver, baseline_solver, load_baseline_prompt
from evals.solvers._chain import ChainSolver, chain_solver
from evals.solvers._http import HttpSolver, ServiceError
from service.schemas import RewriteResponse

Solver = Callable[[GoldenCase], Awaitable[RewriteResponse]]

__all__ = [
    "BaselineOut",
    "BaselineSolver",
    "ChainSolver",
    "HttpSolver",
    "ServiceError",
    "Solver",
    "baseline_solver",
    "chain_solver",
    "load_baseline_prompt",
]
