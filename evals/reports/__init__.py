"""Reports of a run: terminal table, JSON, JUnit XML, Markdown and one self-contained HTML page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evals._gate import GateReport, Thresholds
from evals._summary import VariantStats
from evals._types import EvalRun
from evals.reports._html import render_html
from evals.reports._json import render_json
from evals.reports._junit import render_junit
from evals.reports._markdown import render_markdown
from evals.reports._svg import Bar, bar_chart
from evals.reports._table import render_table


@dataclass(frozen=True)
class ReportFiles:
    json: Path
    junit: Path
    markdown: Path
    html: Path


def write_reports(
    run: EvalRun, stats: dict[str, VariantStats], gate: GateReport, thresholds: Thresholds, out_dir: Path
) -> ReportFiles:
    out_dir.mkdir(parents=True, exist_ok=True)
    files = ReportFiles(
        json=out_dir / "report.json",
        junit=out_dir / "junit.xml",
        markdown=out_dir / "report.md",
        html=out_dir / "report.html",
    )
    files.json.write_text(render_json(run, stats, gate), encoding="utf-8")
    files.junit.write_text(render_junit(run, thresholds.case_gate), encoding="utf-8")
    files.markdown.write_text(render_markdown(run, stats, gate, thresholds.case_gate), encoding="utf-8")
    files.html.write_text(render_html(run, stats, gate, thresholds.case_gate, thresholds.min_mean), encoding="utf-8")
    return files


__all__ = [
    "Bar",
    "ReportFiles",
    "bar_chart",
    "render_html",
    "render_json",
    "render_junit",
    "render_markdown",
    "render_table",
    "write_reports",
]
