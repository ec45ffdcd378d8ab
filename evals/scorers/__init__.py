"""Scorers: small pure functions ``(GoldenCase, RewriteResponse) -> Score``, each value in [0, 1].

Deterministic (always on): emotion_match, empathy_specificity, smart_plan, faithfulness, safety,
fact_retention, language_match, length_budget, chrf. Optional: semantic_similarity (needs the
offline embedding package), judge_empathy and judge_smart (need a judge model).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from evals._types import ScoreFn
from evals.scorers._emotion import emotion_match
from evals.scorers._empathy import empathy_specificity
from evals.scorers._faithful import fact_retention, faithfulness, safety
from evals.scorers._form import language_match, length_budget, length_limit
from evals.scorers._judge import JUDGE_EMPATHY, JUDGE_SMART, Judge, JudgeOut, delimit, judge_values
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
}

ALL_SCORERS: tuple[str, ...] = (*DETERMINISTIC, SEMANTIC, JUDGE_EMPATHY, JUDGE_SMART)


def build_scorers(
    pass_at: Mapping[str, float] | None = None, *, embeddings: bool = True, trust_commitments: bool = False
) -> dict[str, ScoreFn]:
    """The deterministic scorers, plus semantic similarity when wanted and its package is installed."""
    pass_at = pass_at or {}
    scorers = dict(DETERMINISTIC)
    if trust_commitments:
        scorers["faithfulness"] = partial(faithfulness, trust_commitments=True)
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
    "SEMANTIC",
    "Judge",
    "JudgeOut",
    "SemanticSimilarity",
    "build_scorers",
    "chrf",
    "chrf_score",
    "delimit",
    "embeddings_available",
    "emotion_match",
    "empathy_specificity",
    "fact_retention",
    "faithfulness",
    "judge_step",
    "judge_values",
    "language_match",
    "length_budget",
    "length_limit",
    "safety",
    "smart_plan",
]
