"""Tactful's eval harness: golden cases (dataset) x solvers (chain, baseline, http) x scorers.

Modelled on inspect_ai: an eval is a dataset, a solver and scorers. Public API::

    cases = load_golden()                                    # evals/golden/*.yaml, validated strictly
    scorers = build_scorers()                                # deterministic + optional embeddings
    async with Matrix(MatrixSpec(solvers=["chain", "baseline"]), settings) as m:   # its engine starts here
        run = await run_eval(cases, m.build(), scorers, RunOptions(concurrency=2))
    stats = summarize(run, gate=["faithfulness"])
    report = check_gate(run, stats, load_thresholds(), load_baseline())

Command line: ``tactful eval --help`` (:mod:`evals.cli`). As pytest: ``pytest evals/``.
"""

from evals._cache import (
    CACHE_MODES,
    RECORDINGS_DIR,
    CacheMode,
    CachingGenerator,
    MissingRecording,
    RecordingStore,
    Sample,
    current_sample,
    request_key,
)
from evals._dataset import GOLDEN_DIR, GoldenCase, load_golden
from evals._gate import (
    BaselineRun,
    GateFailure,
    GateReport,
    Thresholds,
    baseline_from,
    check_gate,
    load_baseline,
    load_thresholds,
    write_baseline,
)
from evals._matrix import Matrix, MatrixSpec, variants_for
from evals._runner import RunOptions, VariantRun, run_eval, run_one, score_response
from evals._summary import ScorerStats, VariantStats, summarize
from evals._types import CaseResult, EvalRun, Score, ScoreFn, Variant
from evals.scorers import build_scorers

__all__ = [
    "CACHE_MODES",
    "GOLDEN_DIR",
    "RECORDINGS_DIR",
    "BaselineRun",
    "CacheMode",
    "CachingGenerator",
    "CaseResult",
    "EvalRun",
    "GateFailure",
    "GateReport",
    "GoldenCase",
    "Matrix",
    "MatrixSpec",
    "MissingRecording",
    "RecordingStore",
    "RunOptions",
    "Sample",
    "Score",
    "ScoreFn",
    "ScorerStats",
    "Thresholds",
    "Variant",
    "VariantRun",
    "VariantStats",
    "baseline_from",
    "build_scorers",
    "check_gate",
    "current_sample",
    "load_baseline",
    "load_golden",
    "load_thresholds",
    "request_key",
    "run_eval",
    "run_one",
    "score_response",
    "summarize",
    "variants_for",
    "write_baseline",
]
