"""`tactful eval` end to end, offline: record with the oracle, replay without any model, gate, reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals import GoldenCase
from evals.cli import evaluate, main, parser
from service.settings import Settings
from tests.evals.conftest import make_oracle

CASES = ["refund-zh-two-calls", "refund-en-two-emails", "inj-en-message-gift-card"]


def _args(tmp_path: Path, *extra: str) -> list[str]:
    selection = [a for cid in CASES for a in ("--case", cid)]
    return [
        *selection, "--recordings", str(tmp_path / "rec"), "--baseline", str(tmp_path / "baseline.json"),
        "--out", str(tmp_path / "out"), "--no-progress", "--no-embeddings", *extra,
    ]  # fmt: skip


def _run(tmp_path: Path, settings: Settings, cases: dict[str, GoldenCase], *extra: str):  # type: ignore[no-untyped-def]
    args = parser().parse_args(_args(tmp_path, *extra))
    return evaluate(args, settings, generator_factory=lambda: make_oracle(cases))


def test_record_replay_baseline_and_regression(
    tmp_path: Path, settings: Settings, cases: dict[str, GoldenCase], capsys: pytest.CaptureFixture[str]
) -> None:
    recorded, gate, code = _run(
        tmp_path, settings, cases, "--cache", "record", "--solver", "chain", "--solver", "baseline",
        "--judge-model", "openai/judge", "--update-baseline",
    )  # fmt: skip
    assert code == 0 and gate.passed, [str(f) for f in gate.failures]
    assert sorted(p.name for p in (tmp_path / "rec").iterdir()) == [
        "baseline--openai-test-model",
        "chain--openai-test-model",
    ]
    assert len(list((tmp_path / "rec" / "chain--openai-test-model").glob("*.json"))) == 3
    out = capsys.readouterr().out
    assert "chain:openai/test-model" in out and "judge_empathy" in out and "baseline stored" in out
    for name in ("report.html", "report.md", "report.json", "junit.xml"):
        assert (tmp_path / "out" / name).is_file()

    # replay: no model at all (the factory would fail if called), same replies
    args = parser().parse_args(
        _args(
            tmp_path, "--cache", "replay", "--solver", "chain", "--solver", "baseline", "--judge-model", "openai/judge"
        )
    )
    replayed, gate, code = evaluate(args, settings, generator_factory=None)
    assert code == 0 and not replayed.errors()
    assert [r.response.reply for r in replayed.results if r.response] == [
        r.response.reply for r in recorded.results if r.response
    ]

    # a stored baseline that was better makes this run a regression naming the scorer and the cases
    baseline = json.loads((tmp_path / "baseline.json").read_text())
    assert baseline["variants"]["chain:openai/test-model"]["judge_empathy"]["mean"] == pytest.approx(0.8333, abs=1e-3)
    baseline["variants"]["chain:openai/test-model"]["judge_empathy"] = {
        "mean": 1.0, "cases": dict.fromkeys(CASES, 1.0)
    }  # fmt: skip
    (tmp_path / "baseline.json").write_text(json.dumps(baseline))
    _, gate, code = evaluate(args, settings)
    (regression,) = [f for f in gate.failures if f.kind == "regression"]
    assert code == 1 and regression.scorer == "judge_empathy" and regression.variant == "chain:openai/test-model"
    assert {c.split(" ")[0] for c in regression.cases} == set(CASES)


def test_missing_recording_exits_2_and_names_case_and_step(
    tmp_path: Path, settings: Settings, cases: dict[str, GoldenCase]
) -> None:
    _, gate, code = _run(tmp_path, settings, cases, "--cache", "replay")
    assert code == 2
    (failure,) = [f for f in gate.failures if f.kind == "error"]
    assert set(failure.cases) == set(CASES)
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "no recording for case &#x27;refund-zh-two-calls&#x27;" in html and "--cache record" in html


def test_main_reports_config_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--case", "no-such-case", "--no-progress", "--out", str(tmp_path)]) == 2
    assert "unknown golden case ids" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--cache", "sometimes"])


def test_fail_on_degraded_turns_a_degraded_live_smoke_red(tmp_path: Path, settings: Settings) -> None:
    from service.llm import FakeGenerator

    args = parser().parse_args(_args(tmp_path, "--cache", "off", "--no-gate", "--fail-on-degraded"))
    run, _, code = evaluate(args, settings, generator_factory=lambda: FakeGenerator())  # every call fails
    assert all(r.response is not None and r.response.degraded for r in run.results)
    assert code == 1
    args = parser().parse_args(_args(tmp_path, "--cache", "off", "--no-gate"))
    assert evaluate(args, settings, generator_factory=lambda: FakeGenerator())[2] == 0


def test_cases_awaiting_their_first_recording_are_set_aside_not_errors(
    tmp_path: Path, settings: Settings, cases: dict[str, GoldenCase], capsys: pytest.CaptureFixture[str]
) -> None:
    """New cases listed in awaiting_recording keep CI green until re-recorded; any other miss still fails."""
    _run(tmp_path, settings, cases, "--cache", "record", "--case", "refund-zh-double-charge")
    (tmp_path / "rec" / "chain--openai-test-model" / "refund-zh-double-charge.json").unlink()
    thresholds = tmp_path / "thresholds.yaml"
    thresholds.write_text('awaiting_recording: {refund-zh-double-charge: "added after the recording"}\n')
    run, gate, code = _run(tmp_path, settings, cases, "--cache", "replay", "--thresholds", str(thresholds),
                           "--case", "refund-zh-double-charge")  # fmt: skip
    assert code == 0 and gate.passed and not run.errors()
    assert run.unrecorded == {"chain:openai/test-model": ["refund-zh-double-charge"]}
    assert {r.case_id for r in run.results} == set(CASES)
    assert any("1 case(s) await their first recording" in n for n in gate.notes)
    # once recorded, the entry is stale and the gate says so
    _run(tmp_path, settings, cases, "--cache", "record", "--case", "refund-zh-double-charge")
    _, gate, code = _run(tmp_path, settings, cases, "--cache", "replay", "--thresholds", str(thresholds),
                         "--case", "refund-zh-double-charge")  # fmt: skip
    assert code == 0 and any("now have recordings; remove: refund-zh-double-charge" in n for n in gate.notes)
    # a case that is not listed still errs
    (tmp_path / "rec" / "chain--openai-test-model" / "refund-en-two-emails.json").unlink()
    _, gate, code = _run(tmp_path, settings, cases, "--cache", "replay", "--thresholds", str(thresholds))
    assert code == 2 and [f.cases for f in gate.failures if f.kind == "error"] == [("refund-en-two-emails",)]
