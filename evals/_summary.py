"""Aggregates of a run: per variant and scorer, the mean, the pass rate and the per-case values."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from evals._types import CaseResult, EvalRun


@dataclass
class ScorerStats:
    name: str
    mean: float | None
    pass_rate: float | None
    n: int
    cases: dict[str, float] = field(default_factory=dict)
    """Mean value per case over its repeats (cases that could not be scored are absent)."""
    failed_cases: list[str] = field(default_factory=list)


@dataclass
class VariantStats:
    name: str
    results: int
    errors: int
    degraded: int
    gate_passed: int
    scorers: dict[str, ScorerStats]
    wall_ms_mean: float
    wall_ms_p95: float
    model_ms_mean: float
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float
    by_language: dict[str, dict[str, float | None]] = field(default_factory=dict)


def _mean(values: list[float]) -> float | None:
    return round(statistics.fmean(values), 4) if values else None


def _p95(values: list[int]) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return float(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))])


def scorer_stats(results: list[CaseResult], name: str) -> ScorerStats:
    per_case: dict[str, list[float]] = defaultdict(list)
    passes: list[bool] = []
    failed: list[str] = []
    for r in results:
        score = r.scores.get(name)
        if score is None or score.value is None:
            continue
        per_case[r.case_id].append(score.value)
        passes.append(score.passed)
        if not score.passed and r.case_id not in failed:
            failed.append(r.case_id)
    cases = {cid: round(statistics.fmean(vs), 4) for cid, vs in per_case.items()}
    return ScorerStats(
        name=name,
        mean=_mean(list(cases.values())),
        pass_rate=_mean([float(p) for p in passes]),
        n=len(passes),
        cases=cases,
        failed_cases=failed,
    )


def variant_stats(run: EvalRun, variant: str, gate: list[str]) -> VariantStats:
    results = run.for_variant(variant)
    scored = [r for r in results if not r.error]
    by_language: dict[str, dict[str, float | None]] = {}
    for language in sorted({r.language for r in results}):
        subset = [r for r in results if r.language == language]
        by_language[language] = {name: scorer_stats(subset, name).mean for name in run.scorers}
    return VariantStats(
        name=variant,
        results=len(results),
        errors=len(results) - len(scored),
        degraded=sum(1 for r in scored if r.response is not None and r.response.degraded),
        gate_passed=sum(1 for r in scored if not r.failed(gate)),
        scorers={name: scorer_stats(results, name) for name in run.scorers},
        wall_ms_mean=round(statistics.fmean([r.wall_ms for r in results]), 1) if results else 0.0,
        wall_ms_p95=_p95([r.wall_ms for r in results]),
        model_ms_mean=round(statistics.fmean([r.model_ms for r in scored]), 1) if scored else 0.0,
        prompt_tokens=sum(r.prompt_tokens for r in results),
        completion_tokens=sum(r.completion_tokens for r in results),
        cost_usd=round(sum(r.cost_usd for r in results), 6),
        by_language=by_language,
    )


def summarize(run: EvalRun, gate: list[str]) -> dict[str, VariantStats]:
    return {v: variant_stats(run, v, gate) for v in run.variants}
