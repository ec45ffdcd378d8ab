"""One self-contained HTML report: inline CSS and SVG, no script, no CDN, no external asset.

Summary table, a chart per scorer (mean per variant, per language beneath, threshold line),
then per case: the customer message and policy, and draft / each variant's reply / reference
side by side, with the failed scorers and failed service checks marked.
"""

from __future__ import annotations

from html import escape

from evals._dataset import GoldenCase
from evals._gate import GateReport
from evals._summary import VariantStats
from evals._text import show
from evals._types import CaseResult, EvalRun
from evals.reports._svg import Bar, bar_chart
from evals.reports._table import rows
from service.schemas import RewriteResponse

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;margin:24px;
color:#1b1b1b;background:#fafafa}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px}h3{font-size:15px;margin:0}
.meta{color:#555}.ok{color:#2e7d32}.bad{color:#c62828}
table.summary{border-collapse:collapse;background:#fff}
table.summary td,table.summary th{border:1px solid #ddd;padding:4px 8px;text-align:right}
table.summary td:first-child,table.summary th:first-child{text-align:left}
.charts{display:flex;flex-wrap:wrap;gap:12px}
.chart{background:#fff;border:1px solid #ddd;border-radius:6px}
.chart-title{font-weight:600;font-size:13px}.label{font-size:12px}.minor{font-size:11px;fill:#666}
.value{font-size:11px}.tick{font-size:10px;fill:#888}.track{fill:#eee}
.threshold{stroke:#333;stroke-dasharray:4 3;stroke-width:1.2}
details.case{background:#fff;border:1px solid #ddd;border-radius:6px;margin:8px 0;padding:6px 10px}
details.case>summary{cursor:pointer}
.badge{display:inline-block;border-radius:10px;padding:0 7px;margin:0 2px;font-size:12px;color:#fff}
.badge.ok{background:#2e7d32;color:#fff}.badge.bad{background:#c62828;color:#fff}.badge.err{background:#6a1b9a}
.cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:10px;margin-top:8px}
.col{border:1px solid #e3e3e3;border-radius:6px;padding:8px;background:#fcfcfc}
.col h4{margin:0 0 6px;font-size:13px}
.text{white-space:pre-wrap;word-break:break-word}
ul.scores{list-style:none;padding:0;margin:6px 0 0;font-size:12px}
ul.scores li.fail{color:#c62828;font-weight:600}ul.scores li.fail:before{content:"\\2717 "}
ul.scores li.pass{color:#2e7d32}ul.scores li.pass:before{content:"\\2713 "}
.small{font-size:12px;color:#555}
"""


def _scores_list(result: CaseResult) -> str:
    items = []
    for s in sorted(result.scores.values(), key=lambda s: (s.passed, s.name)):
        cls = "pass" if s.passed else "fail"
        value = "-" if s.value is None else f"{s.value:.2f}"
        items.append(
            f'<li class="{cls}" title="{escape(s.explanation)}">{escape(s.name)} {value}'
            + ("" if s.passed else f' <span class="small">{escape(s.explanation[:220])}</span>')
            + "</li>"
        )
    if result.response is not None:
        for c in result.response.checks:
            if not c.passed:
                items.append(
                    f'<li class="fail">check {escape(c.name)} <span class="small">{escape(c.detail[:200])}</span></li>'
                )
    return f'<ul class="scores">{"".join(items)}</ul>'


def _marked_reply(response: RewriteResponse) -> str:
    """The reply, escaped, with the spans the failed checks found in it marked (their check as title)."""
    spans = sorted(
        {
            (f.span[0], f.span[1], c.name)
            for c in response.checks
            if not c.passed
            for f in c.findings
            if f.where == "reply" and f.span is not None
        }
    )
    text, out, at = response.reply, [], 0
    for start, end, name in spans:
        if start < at or end > len(text):
            continue  # overlaps a span already marked
        out += [escape(text[at:start]), f'<mark title="{escape(name)}">{escape(text[start:end])}</mark>']
        at = end
    return "".join([*out, escape(text[at:])])


def _reply_column(result: CaseResult) -> str:
    title = escape(result.variant) + (f" #{result.repeat}" if result.repeat else "")
    if result.error or result.response is None:
        return f'<div class="col"><h4>{title}</h4><p class="bad">{escape(result.error or "no response")}</p></div>'
    r = result.response
    emotion = f"{r.emotion.label} {r.emotion.intensity}/5" if r.emotion else "none"
    flags = " &middot; <b class='bad'>degraded</b>" if r.degraded else ""
    flags += " &middot; revised" if r.revised else ""
    plan = "".join(
        f"<li>{escape(s.action)} | {escape(s.measure)} | {escape(s.deadline)} "
        f"<span class='small'>[{escape(s.source[:60])}]</span></li>"
        for s in r.plan
    )
    return (
        f'<div class="col"><h4>{title}</h4><div class="text">{_marked_reply(r)}</div>'
        f'<p class="small">emotion {escape(emotion)}{flags} &middot; {result.wall_ms / 1000:.1f} s &middot; '
        f"{r.usage.total_tokens} tokens</p>"
        + (f'<ol class="small">{plan}</ol>' if plan else "")
        + _scores_list(result)
        + "</div>"
    )


def _case_section(case: GoldenCase, results: list[CaseResult], gate: list[str]) -> str:
    badges = []
    for r in results:
        if r.error:
            badges.append(f'<span class="badge err" title="{escape(r.error)}">{escape(r.variant)} error</span>')
        else:
            failed = r.failed(gate)
            cls, word = ("bad", "fail") if failed else ("ok", "pass")
            badges.append(
                f'<span class="badge {cls}" title="{escape(", ".join(failed))}">{escape(r.variant)} {word}</span>'
            )
    req = case.request
    policy = "".join(f"<li>{escape(p)}</li>" for p in req.policy)
    history = "".join(f"<li><b>{t.role}</b>: {escape(t.text)}</li>" for t in req.history)
    open_attr = " open" if any(r.error or r.failed(gate) for r in results) else ""
    return (
        f'<details class="case" id="{escape(case.id)}"{open_attr}><summary><h3 style="display:inline">'
        f'{escape(case.id)}</h3> <span class="small">{case.language} &middot; {req.channel} &middot; '
        f"{escape(', '.join(case.tags))}{' &middot; injection' if case.injection else ''}</span> {''.join(badges)}"
        f"</summary>"
        f'<p><b>Customer</b>: <span class="text">{escape(req.customer_message)}</span></p>'
        + (f"<ul class='small'>{history}</ul>" if history else "")
        + f'<p class="small"><b>Policy</b></p><ul class="small">{policy}</ul>'
        f'<p class="small">accepts {escape(", ".join(case.emotions))}; details '
        f"{escape('; '.join(show(d) for d in case.details))}; keep {escape('; '.join(show(k) for k in case.keep))}"
        f"</p>"
        f'<div class="cols"><div class="col"><h4>draft</h4><div class="text">{escape(req.draft)}</div></div>'
        + "".join(_reply_column(r) for r in results)
        + f'<div class="col"><h4>reference</h4><div class="text">{escape(case.reference)}</div></div></div>'
        "</details>"
    )


def _charts(run: EvalRun, stats: dict[str, VariantStats], thresholds: dict[str, float]) -> str:
    charts = []
    for name in run.scorers:
        bars: list[Bar] = []
        for v in stats.values():
            s = v.scorers[name]
            rate = f"  ({s.pass_rate:.0%} pass)" if s.pass_rate is not None else ""
            bars.append(Bar(v.name, s.mean, rate))
            bars += [Bar(lang, v.by_language[lang].get(name), minor=True) for lang in sorted(v.by_language)]
        charts.append(bar_chart(name, bars, thresholds.get(name)))
    return f'<div class="charts">{"".join(charts)}</div>'


def render_html(
    run: EvalRun,
    stats: dict[str, VariantStats],
    gate: GateReport,
    case_gate: list[str],
    min_mean: dict[str, float],
) -> str:
    totals = {v: len(run.for_variant(v)) for v in run.variants}
    table = rows(stats, run.scorers, totals)
    head = "".join(f"<th>{escape(c)}</th>" for c in table[0])
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in table[1:])
    verdict = '<b class="ok">passed</b>' if gate.passed else '<b class="bad">FAILED</b>'
    failures = "".join(f'<li class="bad">{escape(str(f))}</li>' for f in gate.failures)
    notes = "".join(f'<li class="small">{escape(n)}</li>' for n in gate.notes)
    by_case: dict[str, list[CaseResult]] = {}
    for r in run.results:
        by_case.setdefault(r.case_id, []).append(r)
    cases = "".join(_case_section(run.cases[cid], rs, case_gate) for cid, rs in by_case.items())
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>Tactful eval {escape(run.started)}</title><style>{_CSS}</style></head><body>"
        f"<h1>Tactful eval</h1><p class='meta'>{len(run.cases)} golden cases &middot; "
        f"{escape(', '.join(run.variants))} &middot; cache {escape(run.cache_mode)} &middot; "
        f"{run.wall_s:.1f} s wall clock &middot; {escape(run.started)}</p>"
        f"<p>Gate: {verdict}</p><ul>{failures}{notes}</ul>"
        f'<h2>Summary</h2><table class="summary"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
        f"<h2>Scorers</h2>{_charts(run, stats, min_mean)}"
        f"<h2>Cases</h2><p class='small'>Case gate: {escape(', '.join(case_gate))}. "
        f"Failing cases are open.</p>{cases}</body></html>\n"
    )
