"""``tactful feedback export``: the stored feedback as a golden-case file for the eval suite.

Only records stored through the signed-id API are read (schema 1's unverified rows are not), records past
``TACTFUL_FEEDBACK_RETENTION_DAYS`` are deleted first, and personal data (emails, phone, card and ID
numbers) is masked in every text of every case (:mod:`service.feedback._redact`).
"""

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
from service.feedback import FeedbackRecord, FeedbackStore, redact
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


def _masked(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, list):
        return [_masked(v) for v in value]
    if isinstance(value, dict):
        return {k: _masked(v) for k, v in value.items()}
    return value


def redacted(record: FeedbackRecord) -> FeedbackRecord:
    """The record with personal data masked in every text it carries (ids, dates and flags kept)."""
    data = record.model_dump(mode="json")
    for name in ("request", "response", "reason", "final_reply"):
        data[name] = _masked(data[name])
    return FeedbackRecord.model_validate(data)


def record_label(record: FeedbackRecord) -> str:
    return record.id if record.key == "anonymous" else f"{record.id}@{record.key}"


def golden_file(records: Iterable[FeedbackRecord]) -> tuple[dict[str, Any], dict[str, str]]:
    """The golden file (``{theme, cases}``) the records give, masked and validated, and why the others gave none."""
    cases: list[dict[str, Any]] = []
    skipped: dict[str, str] = {}
    for original in records:
        record = redacted(original)
        label = record_label(record)
        try:
            case = golden_case(record)
            GoldenCase.model_validate(case)
        except NoCase as exc:
            skipped[label] = str(exc)
            continue
        except ValidationError as exc:
            skipped[label] = f"not a valid golden case: {exc.errors()[0]['msg']}"
            continue
        cases.append(case)
    return {"theme": THEME, "cases": cases}, skipped


def export_feedback(settings: Settings, out: Path | None = None) -> ExportSummary:
    """Write the golden cases from stored feedback as YAML to ``out`` (stdout when ``None``).

    The file loads with the eval suite's golden-file model; an export without cases still writes the
    header with an empty ``cases`` list (the eval loader requires at least one before it joins the set).
    """
    with FeedbackStore.for_settings(settings) as store:
        store.purge()
        data, skipped = golden_file(store.all())
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    if out is None:
        sys.stdout.write(text)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    return ExportSummary(cases=len(data["cases"]), skipped=skipped, out=out)
