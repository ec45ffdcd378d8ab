"""``tactful feedback export``: the stored feedback as a golden-case file for the eval suite."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from evals._dataset import GoldenCase
from evals.feedback._golden import THEME, NoCase, golden_case
from service.feedback import FeedbackRecord, FeedbackStore
from service.settings import Settings


@dataclass(frozen=True)
class ExportSummary:
    cases: int
    skipped: dict[str, str] = field(default_factory=dict)
    """Record id -> why it gave no case."""
    out: Path | None = None

    def describe(self) -> str:
        where = str(self.out) if self.out else "stdout"
        return f"exported {self.cases} golden case(s) to {where}; skipped {len(self.skipped)} record(s)"


def golden_file(records: Iterable[FeedbackRecord]) -> tuple[dict[str, Any], dict[str, str]]:
    """The golden file (``{theme, cases}``) the records give, validated, and why the others gave none."""
    cases: list[dict[str, Any]] = []
    skipped: dict[str, str] = {}
    for record in records:
        try:
            case = golden_case(record)
            GoldenCase.model_validate(case)
        except NoCase as exc:
            skipped[record.id] = str(exc)
            continue
        except ValidationError as exc:
            skipped[record.id] = f"not a valid golden case: {exc.errors()[0]['msg']}"
            continue
        cases.append(case)
    return {"theme": THEME, "cases": cases}, skipped


def export_feedback(settings: Settings, out: Path | None = None) -> ExportSummary:
    """Write the golden cases from stored feedback as YAML to ``out`` (stdout when ``None``).

    The file loads with the eval suite's golden-file model; an export without cases still writes the
    header with an empty ``cases`` list (the eval loader requires at least one before it joins the set).
    """
    data, skipped = golden_file(FeedbackStore.for_settings(settings).all())
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    if out is None:
        sys.stdout.write(text)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    return ExportSummary(cases=len(data["cases"]), skipped=skipped, out=out)
