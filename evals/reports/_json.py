"""The full run as JSON: every case's response and scores, the summary and the gate."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from evals._gate import GateReport
from evals._summary import VariantStats
from evals._types import EvalRun


def render_json(run: EvalRun, stats: dict[str, VariantStats], gate: GateReport) -> str:
    doc: dict[str, Any] = {
        "summary": {name: dataclasses.asdict(v) for name, v in stats.items()},
        "gate": {
            "passed": gate.passed,
            "failures": [dataclasses.asdict(f) for f in gate.failures],
            "notes": gate.notes,
        },
        "run": run.model_dump(mode="json", exclude={"cases"}),
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
