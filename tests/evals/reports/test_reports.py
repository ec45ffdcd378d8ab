"""Every report format, from one hand-made run in both languages."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from evals import GoldenCase, Thresholds, check_gate, summarize
from evals.reports import Bar, bar_chart, render_html, render_json, render_junit, render_markdown, render_table
from service.schemas import Check, Finding
from tests.evals.helpers import make_run, result

GATE = ["faithfulness"]


def _run(zh: GoldenCase, en: GoldenCase):  # type: ignore[no-untyped-def]
    run = make_run(
        [zh, en],
        {
            "chain:embedded": {zh.id: {"faithfulness": 1.0, "chrf": 0.4}, en.id: {"faithfulness": 0.0, "chrf": 0.3}},
            "baseline:embedded": {zh.id: {"faithfulness": 1.0, "chrf": 0.2}, en.id: {"faithfulness": 1.0, "chrf": 0.1}},
        },
    )
    run.results.append(result(en, "chain:embedded", {}, error="MissingRecording: no recording for case"))
    stats = summarize(run, GATE)
    gate = check_gate(run, stats, Thresholds(min_mean={"faithfulness": 0.8}, case_gate=GATE), None)
    return run, stats, gate


def test_table_has_every_scorer_and_variant(zh_case: GoldenCase, en_case: GoldenCase) -> None:
    run, stats, gate = _run(zh_case, en_case)
    text = render_table(stats, run.scorers, {"chain:embedded": 3, "baseline:embedded": 2}, gate)
    assert "chain:embedded" in text and "baseline:embedded" in text
    assert re.search(r"faithfulness\s+0\.50\s+50%\s+1\.00\s+100%", text)
    assert "1/3" in text and "gate: FAILED" in text and "[error]" in text


def test_junit_is_valid_xml_with_failures_and_errors(zh_case: GoldenCase, en_case: GoldenCase) -> None:
    run, _, _ = _run(zh_case, en_case)
    root = ET.fromstring(render_junit(run, GATE))
    assert root.get("tests") == "5" and root.get("failures") == "1" and root.get("errors") == "1"
    chain = root.find("testsuite[@name='chain:embedded']")
    assert chain is not None
    failure = chain.find(f"testcase[@name='{en_case.id}']/failure")
    assert failure is not None and failure.get("message") == "failed: faithfulness"
    assert "faithfulness says 0.0" in (failure.text or "")


def test_markdown_and_json(zh_case: GoldenCase, en_case: GoldenCase) -> None:
    run, stats, gate = _run(zh_case, en_case)
    md = render_markdown(run, stats, gate, GATE)
    assert "**Gate: FAILED**" in md and "| faithfulness |" in md and "## By language" in md
    assert f"**{en_case.id}**" in md
    doc = json.loads(render_json(run, stats, gate))
    assert doc["gate"]["passed"] is False
    assert doc["summary"]["chain:embedded"]["scorers"]["faithfulness"]["mean"] == 0.5
    assert len(doc["run"]["results"]) == 5


def test_html_is_self_contained_and_side_by_side(zh_case: GoldenCase, en_case: GoldenCase) -> None:
    run, stats, gate = _run(zh_case, en_case)
    page = render_html(run, stats, gate, GATE, {"faithfulness": 0.8})
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", page)
    assert page.count("<svg") == len(run.scorers)
    assert zh_case.request.draft in page and zh_case.reference in page and "&lt;script&gt;" in page
    assert 'class="fail"' in page and "check no_platitudes" in page and "请耐心等待" in page
    assert f'id="{en_case.id}" open' in page


def test_html_marks_what_the_failed_checks_found_in_the_reply(zh_case: GoldenCase, en_case: GoldenCase) -> None:
    run, stats, gate = _run(zh_case, en_case)
    first = run.results[0]
    assert first.response is not None
    reply = "Hello, <b>please be patient</b>, it arrives $500 tomorrow."
    stock, figure = reply.index("please be patient"), reply.index("$500")
    found = [
        Finding(kind="stock", text="please be patient", span=(stock, stock + 17)),
        Finding(kind="unsupported_figure", text="$500", span=(figure, figure + 4)),
        Finding(kind="platitude", text="please be patient", where="empathy", span=(0, 17)),
    ]
    checks = [Check(name="draft_harm_removed", passed=False, detail="x", findings=found)]
    first.response = first.response.model_copy(update={"reply": reply, "checks": checks})
    page = render_html(run, stats, gate, GATE, {"faithfulness": 0.8})
    assert (
        'Hello, &lt;b&gt;<mark title="draft_harm_removed">please be patient</mark>&lt;/b&gt;, '
        'it arrives <mark title="draft_harm_removed">$500</mark> tomorrow.'
    ) in page


def test_bar_chart_marks_threshold_and_missing_values() -> None:
    svg = bar_chart("faith<ful>", [Bar("chain", 0.9, " (90%)"), Bar("zh", None, minor=True)], threshold=0.8)
    assert svg.startswith("<svg") and "faith&lt;ful&gt;" in svg
    assert 'class="threshold"' in svg and "not scored" in svg and "#2e7d32" in svg
