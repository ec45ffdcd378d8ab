"""The terminal table: one row per scorer, one column per variant (mean score and pass rate)."""

from __future__ import annotations

from evals._gate import GateReport
from evals._summary import VariantStats


def _cell(mean: float | None, rate: float | None) -> str:
    if mean is None:
        return "-"
    return f"{mean:.2f} {rate or 0:>4.0%}"


def _tokens(n: int) -> str:
    return f"{n / 1000:.1f}k" if n >= 1000 else str(n)


def rows(stats: dict[str, VariantStats], scorers: list[str], total_cases: dict[str, int]) -> list[list[str]]:
    variants = list(stats.values())
    out = [["scorer (mean, pass rate)", *(v.name for v in variants)]]
    for name in scorers:
        out.append([name, *(_cell(v.scorers[name].mean, v.scorers[name].pass_rate) for v in variants)])
    out.append(["cases passing the case gate", *(f"{v.gate_passed}/{total_cases[v.name]}" for v in variants)])
    out.append(["errors / degraded", *(f"{v.errors} / {v.degraded}" for v in variants)])
    out.append(
        [
            "wall s per case (mean / p95)",
            *(f"{v.wall_ms_mean / 1000:.1f} / {v.wall_ms_p95 / 1000:.1f}" for v in variants),
        ]
    )
    out.append(["model s per case (sum of calls)", *(f"{v.model_ms_mean / 1000:.1f}" for v in variants)])
    out.append(["tokens in / out", *(f"{_tokens(v.prompt_tokens)} / {_tokens(v.completion_tokens)}" for v in variants)])
    out.append(["cost USD", *(f"{v.cost_usd:.4f}" for v in variants)])
    return out


def render_table(
    stats: dict[str, VariantStats], scorers: list[str], total_cases: dict[str, int], gate: GateReport | None = None
) -> str:
    table = rows(stats, scorers, total_cases)
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    lines = []
    for i, row in enumerate(table):
        lines.append(
            "  ".join(cell.ljust(widths[j]) if j == 0 else cell.rjust(widths[j]) for j, cell in enumerate(row))
        )
        if i == 0 or i == len(scorers):
            lines.append("  ".join("-" * w for w in widths))
    if gate is not None:
        lines.append("")
        lines.append("gate: PASSED" if gate.passed else f"gate: FAILED ({len(gate.failures)})")
        lines += [f"  {f}" for f in gate.failures]
        lines += [f"  note: {n}" for n in gate.notes]
    return "\n".join(lines)
