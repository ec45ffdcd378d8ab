"""Thresholds and regressions name the scorer and the cases; exit codes follow."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals import GoldenCase, Thresholds, baseline_from, check_gate, load_baseline, summarize, write_baseline
from evals._gate import load_thresholds
from service.errors import ConfigError
from tests.evals.helpers import make_run, result


def _run(zh: GoldenCase, en: GoldenCase, faith: tuple[float, float], variant: str = "chain:embedded"):  # type: ignore[no-untyped-def]
    return make_run([zh, en], {variant: {zh.id: {"faithfulness": faith[0]}, en.id: {"faithfulness": faith[1]}}})


def test_repository_thresholds_are_valid() -> None:
    thresholds = load_thresholds()
    assert set(thresholds.case_gate) <= set(thresholds.min_mean)
    assert thresholds.gate_solvers == ["chain", "chain-full", "http"]


def test_threshold_failure_names_scorer_and_cases(zh_case: GoldenCase, en_case: GoldenCase) -> None:
    run = _run(zh_case, en_case, (1.0, 0.0))
    report = check_gate(run, summarize(run, []), Thresholds(min_mean={"faithfulness": 0.8}), None)
    (failure,) = report.failures
    assert failure.kind == "threshold" and failure.scorer == "faithfulness" and failure.cases == (en_case.id,)
    assert "0.500 below 0.8" in str(failure) and report.exit_code == 1
    assert any("no baseline" in n for n in report.notes)


def test_regression_against_stored_baseline(tmp_path: Path, zh_case: GoldenCase, en_case: GoldenCase) -> None:
    before = _run(zh_case, en_case, (1.0, 1.0))
    path = tmp_path / "baseline.json"
    write_baseline(baseline_from(before, summarize(before, [])), path)
    baseline = load_baseline(path)
    assert baseline is not None and baseline.variants["chain:embedded"]["faithfulness"].mean == 1.0

    same = check_gate(before, summarize(before, []), Thresholds(), baseline)
    assert same.passed and same.exit_code == 0

    after = _run(zh_case, en_case, (1.0, 0.6))
    report = check_gate(after, summarize(after, []), Thresholds(tolerance=0.05, case_tolerance=0.25), baseline)
    (failure,) = report.failures
    assert failure.kind == "regression" and failure.scorer == "faithfulness"
    assert failure.cases == (f"{en_case.id} (1.00->0.60)",) and "drop of 0.200" in failure.message
    assert report.exit_code == 1
    tolerant = check_gate(after, summarize(after, []), Thresholds(tolerance=0.3), baseline)
    assert tolerant.passed


def test_regression_compares_only_common_cases(tmp_path: Path, zh_case: GoldenCase, en_case: GoldenCase) -> None:
    full = _run(zh_case, en_case, (1.0, 0.0))
    baseline = baseline_from(full, summarize(full, []))
    subset = make_run([zh_case], {"chain:embedded": {zh_case.id: {"faithfulness": 1.0}}})
    assert check_gate(subset, summarize(subset, []), Thresholds(), baseline).passed


def test_reference_solvers_are_not_gated(zh_case: GoldenCase, en_case: GoldenCase) -> None:
    run = _run(zh_case, en_case, (0.0, 0.0), variant="baseline:embedded")
    report = check_gate(run, summarize(run, []), Thresholds(min_mean={"faithfulness": 0.9}), None)
    assert report.passed and any("reference only" in n for n in report.notes)


def test_errors_exit_2(zh_case: GoldenCase) -> None:
    run = make_run([zh_case], {"chain:embedded": {}})
    run.results.append(result(zh_case, "chain:embedded", {}, error="MissingRecording: no recording"))
    report = check_gate(run, summarize(run, []), Thresholds(), None)
    assert report.exit_code == 2 and report.failures[0].cases == (zh_case.id,)


def test_invalid_files_are_config_errors(tmp_path: Path) -> None:
    bad = tmp_path / "t.yaml"
    bad.write_text("tolerance: 0.1\nsurprise: 1\n")
    with pytest.raises(ConfigError, match="invalid thresholds"):
        load_thresholds(bad)
    (tmp_path / "b.json").write_text("{}")
    with pytest.raises(ConfigError, match="invalid baseline"):
        load_baseline(tmp_path / "b.json")
    assert load_baseline(tmp_path / "missing.json") is None


def test_a_solver_can_have_its_own_floors(zh_case: GoldenCase, en_case: GoldenCase) -> None:
    run = _run(zh_case, en_case, (1.0, 0.0), variant="chain-full:embedded")
    gate = ["chain", "chain-full", "http"]
    lenient = Thresholds(
        gate_solvers=gate, min_mean={"faithfulness": 0.9}, min_mean_by_solver={"chain-full": {"faithfulness": 0.5}}
    )
    assert check_gate(run, summarize(run, []), lenient, None).passed
    strict = Thresholds(gate_solvers=gate, min_mean={"faithfulness": 0.4}, min_mean_by_solver={"chain": {"x": 1.0}})
    assert check_gate(run, summarize(run, []), strict, None).passed
    stricter = Thresholds(gate_solvers=gate, min_mean_by_solver={"chain-full": {"faithfulness": 0.9}})
    assert not check_gate(run, summarize(run, []), stricter, None).passed


def test_repository_awaits_only_full_shape_recordings() -> None:
    """The fast shape's recordings are complete: nothing excuses a missing one (only chain-full: keys)."""
    awaiting = load_thresholds().awaiting_recording
    assert all(key.startswith("chain-full:") for key in awaiting)
