"""What an eval run produces: a score per scorer per case, per variant (solver x model x prompts)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from evals._dataset import GoldenCase
from service.schemas import RewriteResponse

SolverKind = Literal["chain", "chain-full", "baseline", "http"]
"""chain: the shape the model gets by default (fast for the embedded model); chain-full: the full shape."""


class Score(BaseModel):
    """One scorer's verdict on one reply: ``value`` in [0, 1] (``None`` = could not be scored)."""

    model_config = ConfigDict(frozen=True)

    name: str
    value: float | None = Field(ge=0.0, le=1.0)
    passed: bool
    explanation: str = ""


ScoreFn = Callable[[GoldenCase, RewriteResponse], Score]


class Variant(BaseModel):
    """One column of the model matrix."""

    model_config = ConfigDict(frozen=True)

    solver: SolverKind
    model: str | None = None
    prompts_dir: Path | None = None
    url: str | None = None

    @property
    def name(self) -> str:
        if self.solver == "http":
            return f"http:{self.url}"
        name = f"{self.solver}:{self.model}"
        return f"{name}:{self.prompts_dir.name}" if self.prompts_dir else name

    @property
    def slug(self) -> str:
        """File-system name of the variant (its recordings directory)."""
        return "".join(ch if ch.isalnum() or ch in "-." else "-" for ch in self.name.replace(":", "--"))


class CaseResult(BaseModel):
    """One case, one repeat, one variant."""

    variant: str
    case_id: str
    language: str
    repeat: int = 0
    response: RewriteResponse | None = None
    error: str | None = None
    scores: dict[str, Score] = Field(default_factory=dict)
    wall_ms: int = 0
    model_ms: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0

    def failed(self, names: list[str] | None = None) -> list[str]:
        """Scorers (among ``names``, default all) this result failed."""
        return [n for n, s in self.scores.items() if not s.passed and (names is None or n in names)]


class EvalRun(BaseModel):
    """Everything a report or the gate needs."""

    started: str
    wall_s: float
    cache_mode: str
    variants: list[str]
    scorers: list[str]
    cases: dict[str, GoldenCase]
    results: list[CaseResult]
    unrecorded: dict[str, list[str]] = Field(default_factory=dict)
    """variant -> cases set aside: they await their first recording (thresholds.yaml ``awaiting_recording``)."""

    def for_variant(self, variant: str) -> list[CaseResult]:
        return [r for r in self.results if r.variant == variant]

    def errors(self) -> list[CaseResult]:
        return [r for r in self.results if r.error]
