"""JUnit XML: a test suite per variant, a test case per golden case (and repeat).

A case fails when it fails a scorer of the case gate (thresholds.yaml ``case_gate``); a case
that could not run is an error. Every score is listed in the test case's system-out.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from evals._types import CaseResult, EvalRun


def _case(suite: ET.Element, variant: str, result: CaseResult, gate: list[str], repeats: bool) -> tuple[int, int]:
    name = f"{result.case_id}#{result.repeat}" if repeats else result.case_id
    case = ET.SubElement(
        suite, "testcase", classname=f"evals.{variant}", name=name, time=f"{result.wall_ms / 1000:.3f}"
    )
    lines = [
        f"{s.name}: {'-' if s.value is None else f'{s.value:.3f}'} {'pass' if s.passed else 'FAIL'} - {s.explanation}"
        for s in result.scores.values()
    ]
    if result.error:
        ET.SubElement(case, "error", message=result.error[:500]).text = result.error
        return 0, 1
    failed = result.failed(gate)
    if failed:
        detail = "\n".join(line for line in lines if line.split(":", 1)[0] in failed)
        ET.SubElement(case, "failure", message=f"failed: {', '.join(failed)}").text = detail
    ET.SubElement(case, "system-out").text = "\n".join(lines)
    return int(bool(failed)), 0


def render_junit(run: EvalRun, gate: list[str]) -> str:
    root = ET.Element("testsuites", name="tactful-eval")
    total = failures = errors = 0
    repeats = any(r.repeat for r in run.results)
    for variant in run.variants:
        results = run.for_variant(variant)
        suite = ET.SubElement(root, "testsuite", name=variant)
        f = e = 0
        for result in results:
            df, de = _case(suite, variant, result, gate, repeats)
            f, e = f + df, e + de
        suite.set("tests", str(len(results)))
        suite.set("failures", str(f))
        suite.set("errors", str(e))
        suite.set("time", f"{sum(r.wall_ms for r in results) / 1000:.3f}")
        total, failures, errors = total + len(results), failures + f, errors + e
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    root.set("time", f"{run.wall_s:.3f}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
