"""Run cases x repeats x variants with bounded concurrency; score every reply.

The runner knows nothing about models: each variant is a solver (``await solver(case)``)
and, optionally, a :class:`CachingGenerator` whose recorded misses mark a case as an error
even if the solver swallowed the failure. Once every case has run, the run-level checks
(:data:`evals.scorers.RUN_CHECKS`, e.g. a stock closing line in most replies) are applied per variant.
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
from evals.scorers import RUN_CHECKS, Judge
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
    awaiting: dict[str, str] = field(default_factory=dict)
    """Cases with no recording yet (case id -> why): a missing recording sets them aside instead of erring."""


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
    results, unrecorded = _set_aside(results, variants, options.awaiting)
    by_id = {c.id: c for c in cases}
    for name, check in RUN_CHECKS.items():
        if name in scorers:
            for variant in variants:
                check([r for r in results if r.variant == variant.name and not r.error], by_id)
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
        unrecorded=unrecorded,
    )


def _set_aside(
    results: list[CaseResult], variants: list[VariantRun], awaiting: dict[str, str]
) -> tuple[list[CaseResult], dict[str, list[str]]]:
    """Drop the results of awaited cases whose recording is missing; any other miss stays an error.
    A key ``solver:case_id`` (``chain-full:refund-en-two-emails``) awaits that solver's recording only."""
    caches = {v.name: v.cache for v in variants}
    kept: list[CaseResult] = []
    unrecorded: dict[str, list[str]] = {}
    for r in results:
        cache = caches.get(r.variant)
        missing = cache is not None and Sample(case_id=r.case_id, repeat=r.repeat) in cache.misses
        solver = r.variant.split(":", 1)[0]
        if missing and (r.case_id in awaiting or f"{solver}:{r.case_id}" in awaiting):
            ids = unrecorded.setdefault(r.variant, [])
            ids += [] if r.case_id in ids else [r.case_id]
        else:
            kept.append(r)
    return kept, unrecorded
