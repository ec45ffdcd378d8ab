"""Scorers: small pure functions ``(GoldenCase, RewriteResponse) -> Score``, each value in [0, 1].

Deterministic (always on): emotion_match, empathy_specificity, smart_plan, faithfulness, safety,
fact_retention, language_match, length_budget, chrf, and the classes of a reply an agent would not
send (issue 8): draft_harm_removed, empathy_voice, plan_sane, seams, injection_clean, and
hard_failure (issue 12). Optional: semantic_similarity (needs the offline embedding package),
judge_empathy and judge_smart (need a judge model).

The ruler is independent of the product: no scorer imports ``service.verify`` or ``service.chain``
(one bug must not hide in both). :data:`RUN_CHECKS` are the checks that need a whole run (a stock
closing line in most replies); the runner applies them once every case of a variant has run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

from evals._dataset import GoldenCase
from evals._types import CaseResult, ScoreFn
from evals.scorers._emotion import emotion_match
from evals.scorers._empathy import empathy_specificity
from evals.scorers._faithful import fact_retention, faithfulness, safety
from evals.scorers._form import LENGTH_BUDGETS, language_match, length_budget, length_limit
from evals.scorers._hard import hard_failure
from evals.scorers._harm import draft_harm_removed
from evals.scorers._injection import injection_clean
from evals.scorers._judge import JUDGE_EMPATHY, JUDGE_SMART, Judge, JudgeOut, delimit, judge_values
from evals.scorers._plan_sane import plan_sane
from evals.scorers._seams import apply_repeated_closers, seams
from evals.scorers._similarity import (
    CHRF,
    SEMANTIC,
    SEMANTIC_PASS_AT,
    SemanticSimilarity,
    chrf,
    chrf_score,
    embeddings_available,
)
from evals.scorers._smart import judge_step, smart_plan
from evals.scorers._voice import empathy_voice

RunCheck = Callable[[list[CaseResult], dict[str, GoldenCase]], None]

DETERMINISTIC: dict[str, ScoreFn] = {
    "emotion_match": emotion_match,
    "empathy_specificity": empathy_specificity,
    "smart_plan": smart_plan,
    "faithfulness": faithfulness,
    "safety": safety,
    "fact_retention": fact_retention,
    "language_match": language_match,
    "length_budget": length_budget,
    CHRF: chrf,
    "draft_harm_removed": draft_harm_removed,
    "empathy_voice": empathy_voice,
    "plan_sane": plan_sane,
    "seams": seams,
    "injection_clean": injection_clean,
    "hard_failure": hard_failure,
}

RUN_CHECKS: dict[str, RunCheck] = {"seams": apply_repeated_closers}
"""scorer name -> a check over one variant's results that may fail that scorer on some of them."""

ALL_SCORERS: tuple[str, ...] = (*DETERMINISTIC, SEMANTIC, JUDGE_EMPATHY, JUDGE_SMART)


def build_scorers(
    pass_at: Mapping[str, float] | None = None, *, embeddings: bool = True, trust_commitments: bool = False
) -> dict[str, ScoreFn]:
    """The deterministic scorers, plus semantic similarity when wanted and its package is installed."""
    pass_at = pass_at or {}
    scorers = dict(DETERMINISTIC)
    if trust_commitments:
        scorers["faithfulness"] = partial(faithfulness, trust_commitments=True)
        scorers["hard_failure"] = partial(hard_failure, trust_commitments=True)
    if CHRF in pass_at:
        scorers[CHRF] = partial(chrf, pass_at=pass_at[CHRF])
    if embeddings and embeddings_available():
        scorers[SEMANTIC] = SemanticSimilarity(pass_at=pass_at.get(SEMANTIC, SEMANTIC_PASS_AT))
    return scorers


__all__ = [
    "ALL_SCORERS",
    "CHRF",
    "DETERMINISTIC",
    "JUDGE_EMPATHY",
    "JUDGE_SMART",
    "LENGTH_BUDGETS",
    "RUN_CHECKS",
    "SEMANTIC",
    "Judge",
    "JudgeOut",
    "RunCheck",
    "SemanticSimilarity",
    "build_scorers",
    "chrf",
    "chrf_score",
    "delimit",
    "draft_harm_removed",
    "embeddings_available",
    "emotion_match",
    "empathy_specificity",
    "empathy_voice",
    "fact_retention",
    "faithfulness",
    "hard_failure",
    "injection_clean",
    "judge_step",
    "judge_values",
    "language_match",
    "length_budget",
    "length_limit",
    "plan_sane",
    "safety",
    "seams",
    "smart_plan",
]
