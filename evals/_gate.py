"""The CI gate: per-scorer thresholds (evals/thresholds.yaml) and regressions against a stored run.

A failure names the variant, the scorer and the cases. ``exit_code``: 0 pass, 1 a threshold or a
regression failed, 2 some cases could not run (a missing recording, a service error).
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from evals._summary import VariantStats
from evals._types import EvalRun, SolverKind
from service.errors import ConfigError

EVALS_DIR = Path(__file__).resolve().parent
THRESHOLDS_FILE = EVALS_DIR / "thresholds.yaml"
BASELINE_FILE = EVALS_DIR / "baseline.json"


class Thresholds(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tolerance: float = Field(0.05, ge=0, le=1, description="allowed drop of a scorer's mean vs the baseline run")
    case_tolerance: float = Field(0.25, ge=0, le=1, description="a case 'dropped' when its value fell more")
    case_gate: list[str] = Field(default_factory=list, description="scorers a case must pass (pytest, JUnit)")
    gate_solvers: list[SolverKind] = Field(
        default_factory=lambda: list[SolverKind](["chain", "http"]),
        description="the solvers whose variants the gate checks",
    )
    min_mean: dict[str, float] = Field(default_factory=dict)
    min_mean_by_solver: dict[SolverKind, dict[str, float]] = Field(
        default_factory=dict, description="a solver's own floors, in place of min_mean's for the scorers it names"
    )
    pass_at: dict[Literal["chrf", "semantic_similarity"], float] = Field(default_factory=dict)
    trust_agent_commitments: bool = Field(
        False, description="faithfulness accepts figures of the response's agent_commitment steps"
    )
    known_failures: dict[str, str] = Field(default_factory=dict, description="case id -> reason (xfail)")
    awaiting_recording: dict[str, str] = Field(
        default_factory=dict,
        description="case id (or solver:case id, for one solver only) -> why: no recording yet; its missing"
        " recording skips, not errs",
    )


def load_thresholds(path: Path = THRESHOLDS_FILE) -> Thresholds:
    try:
        return Thresholds.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ConfigError(f"{path}: invalid thresholds: {exc}") from exc


class BaselineScorer(BaseModel):
    mean: float | None
    cases: dict[str, float]


class BaselineRun(BaseModel):
    created: str
    cache_mode: str
    variants: dict[str, dict[str, BaselineScorer]]


def load_baseline(path: Path = BASELINE_FILE) -> BaselineRun | None:
    if not path.is_file():
        return None
    try:
        return BaselineRun.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValidationError) as exc:
        raise ConfigError(f"{path}: invalid baseline run: {exc}") from exc


def baseline_from(run: EvalRun, stats: dict[str, VariantStats]) -> BaselineRun:
    return BaselineRun(
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        cache_mode=run.cache_mode,
        variants={
            name: {s.name: BaselineScorer(mean=s.mean, cases=s.cases) for s in v.scorers.values() if s.cases}
            for name, v in stats.items()
        },
    )


def write_baseline(baseline: BaselineRun, path: Path = BASELINE_FILE) -> None:
    data = baseline.model_dump(mode="json")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class GateFailure:
    kind: Literal["threshold", "regression", "error"]
    variant: str
    scorer: str
    message: str
    cases: tuple[str, ...] = ()

    def __str__(self) -> str:
        cases = f"; cases: {', '.join(self.cases)}" if self.cases else ""
        return f"[{self.kind}] {self.variant} {self.scorer}: {self.message}{cases}"


@dataclass
class GateReport:
    failures: list[GateFailure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def exit_code(self) -> int:
        if any(f.kind == "error" for f in self.failures):
            return 2
        return 1 if self.failures else 0


def _regressions(
    variant: str, stats: VariantStats, base: dict[str, BaselineScorer], thresholds: Thresholds
) -> list[GateFailure]:
    failures = []
    for name, now in stats.scorers.items():
        before = base.get(name)
        common = sorted(set(now.cases) & set(before.cases)) if before else []
        if before is None or not common:
            continue
        old = statistics.fmean(before.cases[c] for c in common)
        new = statistics.fmean(now.cases[c] for c in common)
        if old - new <= thresholds.tolerance:
            continue
        fell = [c for c in common if before.cases[c] - now.cases[c] > thresholds.case_tolerance]
        fell = fell or [c for c in common if now.cases[c] < before.cases[c]]
        failures.append(
            GateFailure(
                "regression",
                variant,
                name,
                f"mean {old:.3f} -> {new:.3f} over {len(common)} cases, a drop of {old - new:.3f} "
                f"(tolerance {thresholds.tolerance})",
                tuple(f"{c} ({before.cases[c]:.2f}->{now.cases[c]:.2f})" for c in fell),
            )
        )
    return failures


def _unrecorded_anywhere(run: EvalRun, case_id: str) -> bool:
    return any(case_id in ids for ids in run.unrecorded.values())


def check_gate(
    run: EvalRun, stats: dict[str, VariantStats], thresholds: Thresholds, baseline: BaselineRun | None
) -> GateReport:
    report = GateReport()
    for variant, ids in run.unrecorded.items():
        report.notes.append(
            f"{variant}: {len(ids)} case(s) await their first recording (thresholds.yaml awaiting_recording), "
            f"not scored: {', '.join(ids)}"
        )
    recorded = [c for c in thresholds.awaiting_recording if c in run.cases and not _unrecorded_anywhere(run, c)]
    if recorded:
        report.notes.append(f"awaiting_recording lists case(s) that now have recordings; remove: {', '.join(recorded)}")
    for variant, vstats in stats.items():
        if variant.split(":", 1)[0] not in thresholds.gate_solvers:
            report.notes.append(f"{variant}: reference only (solver not in gate_solvers); not gated")
            continue
        errors = [r.case_id for r in run.for_variant(variant) if r.error]
        if errors:
            report.failures.append(
                GateFailure("error", variant, "-", f"{len(errors)} case(s) could not run", tuple(errors))
            )
        solver = variant.split(":", 1)[0]
        own = next((f for kind, f in thresholds.min_mean_by_solver.items() if kind == solver), {})
        floors = {**thresholds.min_mean, **own}
        for name, minimum in floors.items():
            s = vstats.scorers.get(name)
            if s is None or s.mean is None:
                report.notes.append(f"{variant}: scorer {name} did not run; its threshold was not checked")
                continue
            if s.mean < minimum:
                report.failures.append(
                    GateFailure("threshold", variant, name, f"mean {s.mean:.3f} below {minimum}", tuple(s.failed_cases))
                )
        if baseline is None:
            continue
        base = baseline.variants.get(variant)
        if base is None:
            report.notes.append(f"{variant}: not in the baseline run; no regression check")
            continue
        report.failures += _regressions(variant, vstats, base, thresholds)
    if baseline is None:
        report.notes.append("no baseline run stored; regressions were not checked (--update-baseline stores one)")
    return report
