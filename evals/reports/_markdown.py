"""A Markdown summary (for a PR comment or a CI job summary)."""

from __future__ import annotations

from evals._gate import GateReport
from evals._summary import VariantStats
from evals._types import EvalRun
from evals.reports._table import rows


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def render_markdown(
    run: EvalRun, stats: dict[str, VariantStats], gate: GateReport, case_gate: list[str], max_failures: int = 30
) -> str:
    totals = {v: len(run.for_variant(v)) for v in run.variants}
    table = rows(stats, run.scorers, totals)
    out = [
        "# Tactful eval",
        "",
        f"{len(run.cases)} golden cases, {len(run.variants)} variant(s), cache `{run.cache_mode}`, "
        f"wall clock {run.wall_s:.1f} s, started {run.started}.",
        "",
        f"**Gate: {'passed' if gate.passed else 'FAILED'}**",
        "",
    ]
    out += [f"- {f}" for f in gate.failures] + [f"- note: {n}" for n in gate.notes]
    out += ["", _md_row(table[0]), _md_row(["---", *("---:" for _ in table[0][1:])])]
    out += [_md_row(r) for r in table[1:]]
    out += ["", "## By language (mean)", ""]
    for name, v in stats.items():
        languages = sorted(v.by_language)
        out += [f"**{name}**", "", _md_row(["scorer", *languages]), _md_row(["---", *("---:" for _ in languages)])]
        for scorer in run.scorers:
            values = [v.by_language[lang].get(scorer) for lang in languages]
            out.append(_md_row([scorer, *("-" if x is None else f"{x:.2f}" for x in values)]))
        out.append("")
    out += ["## Cases failing the case gate", ""]
    shown = 0
    for r in run.results:
        failed = r.failed(case_gate)
        if not (r.error or failed) or shown >= max_failures:
            continue
        shown += 1
        what = r.error or "; ".join(f"{n}: {r.scores[n].explanation}" for n in failed)
        out.append(f"- `{r.variant}` **{r.case_id}**: {what[:400]}")
    if not shown:
        out.append("None.")
    return "\n".join(out) + "\n"
