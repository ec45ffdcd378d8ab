"""Run cases x repeats x variants with bounded concurrency; score every reply.

The runner knows nothing about models: each variant is a solver (``await solver(case)``)
and, optionally, a :class:`CachingGenerator` whose recorded misses mark a case as an error
even if the solver swallowed the failure.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from evals._cache import CachingGenerator, Sample, current_sample
from evals._dataset import GoldenCase
from evals._progress import Progress
from evals._types import CaseResult, EvalRun, Score, ScoreFn
from evals.scorers import Judge
from evals.solvers import Solver
from service.schemas import RewriteResponse


@dataclass
class VariantRun:
    """One column of the matrix: its name, its solver, the generator that records its calls."""

    name: str
    solver: Solver
    cache: CachingGenerator | None = None
    judge: Judge | None = None


@dataclass
class RunOptions:
    repeats: int = 1
    concurrency: int = 2
    cache_mode: str = "off"
    gate: list[str] = field(default_factory=list)
    progress: Progress | None = None


def score_response(case: GoldenCase, response: RewriteResponse, scorers: dict[str, ScoreFn]) -> dict[str, Score]:
    scores: dict[str, Score] = {}
    for name, fn in scorers.items():
        try:
            scores[name] = fn(case, response)
        except Exception as exc:  # a scorer bug is reported on the case, not fatal
            scores[name] = Score(name=name, value=None, passed=False, explanation=f"scorer error: {exc!r}")
    return scores


async def run_one(variant: VariantRun, case: GoldenCase, repeat: int, scorers: dict[str, ScoreFn]) -> CaseResult:
    sample = Sample(case_id=case.id, repeat=repeat)
    token = current_sample.set(sample)
    started = time.perf_counter()
    base = {"variant": variant.name, "case_id": case.id, "language": case.language, "repeat": repeat}
    try:
        response = await variant.solver(case)
        scores = score_response(case, response, scorers)
        if variant.judge is not None:
            scores.update({s.name: s for s in await variant.judge(case, response)})
    except Exception as exc:  # one case's failure must not stop the run
        return CaseResult(**base, error=f"{type(exc).__name__}: {exc}", wall_ms=_ms(started))
    finally:
        current_sample.reset(token)
    misses = variant.cache.misses.get(sample) if variant.cache else None
    usage = response.usage
    return CaseResult(
        **base,
        response=response,
        scores=scores,
        error=misses[0] if misses else None,
        wall_ms=_ms(started),
        model_ms=sum(t.latency_ms for t in response.trace),
        prompt_tokens=usage.prompt_tokens,
        completion_tokens=usage.completion_tokens,
        cost_usd=usage.cost_usd or 0.0,
    )


def _ms(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)


async def run_eval(
    cases: list[GoldenCase],
    variants: list[VariantRun],
    scorers: dict[str, ScoreFn],
    options: RunOptions | None = None,
) -> EvalRun:
    options = options or RunOptions()
    semaphore = asyncio.Semaphore(max(1, options.concurrency))
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    started = time.perf_counter()

    async def task(variant: VariantRun, case: GoldenCase, repeat: int) -> CaseResult:
        async with semaphore:
            result = await run_one(variant, case, repeat, scorers)
        if options.progress is not None:
            options.progress.update(result, options.gate)
        return result

    jobs = [task(v, c, r) for v in variants for c in cases for r in range(max(1, options.repeats))]
    results = list(await asyncio.gather(*jobs))
    names = list(scorers)
    for r in results:
        names += [n for n in r.scores if n not in names]
    return EvalRun(
        started=started_at,
        wall_s=round(time.perf_counter() - started, 2),
        cache_mode=options.cache_mode,
        variants=[v.name for v in variants],
        scorers=names,
        cases={c.id: c for c in cases},
        results=results,
    )
