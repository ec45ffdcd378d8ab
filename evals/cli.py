"""``tactful eval``: run the golden set through a matrix of solvers and models, score, report, gate.

Examples::

    tactful eval                                        # replay the chain on the recorded model (CI)
    tactful eval --cache record --solver chain --solver baseline --model embedded
    tactful eval --cache off --model embedded --model openai/gpt-4o-mini --prompts-dir other/
    tactful eval --url http://127.0.0.1:8000 --judge-model openai/gpt-4o-mini
    tactful eval --case refund-zh-two-calls --repeats 3 --out artifacts/eval

Exit code: 0 the gate passed, 1 a threshold or a regression failed, 2 cases could not run
(e.g. a missing recording) or the configuration is invalid.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import get_args

from evals._cache import CACHE_MODES, RECORDINGS_DIR
from evals._dataset import GOLDEN_DIR, load_golden
from evals._gate import (
    BASELINE_FILE,
    THRESHOLDS_FILE,
    GateReport,
    baseline_from,
    check_gate,
    load_baseline,
    load_thresholds,
    write_baseline,
)
from evals._matrix import GeneratorFactory, Matrix, MatrixSpec
from evals._progress import Progress
from evals._runner import RunOptions, run_eval
from evals._summary import summarize
from evals._types import EvalRun, SolverKind
from evals.reports import render_table, write_reports
from evals.scorers import build_scorers
from service.errors import TactfulError
from service.settings import Settings, get_settings


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="tactful eval", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sel = p.add_argument_group("cases")
    sel.add_argument("--golden", type=Path, default=GOLDEN_DIR, help="directory of golden YAML files")
    sel.add_argument("--case", action="append", default=[], metavar="ID", help="only these case ids")
    sel.add_argument("--tag", action="append", default=[], help="only cases with one of these tags")
    sel.add_argument("--language", choices=["zh", "en"], default=None)
    sel.add_argument("--limit", type=int, default=None, help="at most N cases (after filtering)")
    mat = p.add_argument_group("model matrix")
    mat.add_argument(
        "--solver", action="append", choices=[s for s in get_args(SolverKind) if s != "http"], default=[],
        help="chain (default) and/or baseline (one prompt, one call); repeatable",
    )  # fmt: skip
    mat.add_argument("--model", action="append", default=[], help="'embedded' or a litellm model; repeatable")
    mat.add_argument("--prompts-dir", action="append", type=Path, default=[], help="prompt directory; repeatable")
    mat.add_argument("--url", action="append", default=[], help="a running service to evaluate; repeatable")
    mat.add_argument("--judge-model", default=None, help="run the LLM-judge rubric with this model")
    mat.add_argument("--no-embeddings", action="store_true", help="skip the embedding similarity scorer")
    run = p.add_argument_group("run")
    run.add_argument("--cache", choices=CACHE_MODES, default="replay", help="response cache mode (default replay)")
    run.add_argument("--recordings", type=Path, default=RECORDINGS_DIR, help="recordings directory")
    run.add_argument("--repeats", type=int, default=1, help="runs per case (nondeterministic models)")
    run.add_argument("--concurrency", type=int, default=2, help="cases in flight at once")
    run.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    out = p.add_argument_group("reports and gate")
    out.add_argument("--out", type=Path, default=Path("artifacts/eval"), help="report directory")
    out.add_argument("--thresholds", type=Path, default=THRESHOLDS_FILE)
    out.add_argument("--baseline", type=Path, default=BASELINE_FILE, help="stored run to compare against")
    out.add_argument("--update-baseline", action="store_true", help="store this run as the new baseline")
    out.add_argument("--no-gate", action="store_true", help="report only; exit 0 unless cases errored")
    out.add_argument(
        "--fail-on-degraded", action="store_true", help="exit 1 if any reply came back degraded (live smoke)"
    )
    return p


def spec_from(args: argparse.Namespace) -> MatrixSpec:
    solvers: list[SolverKind] = list(args.solver) or ([] if args.url else ["chain"])
    return MatrixSpec(
        solvers=solvers,
        models=list(args.model),
        prompts_dirs=list(args.prompts_dir),
        urls=list(args.url),
        cache_mode=args.cache,
        recordings=args.recordings,
        judge_model=args.judge_model,
    )


def evaluate(
    args: argparse.Namespace, settings: Settings, generator_factory: GeneratorFactory | None = None
) -> tuple[EvalRun, GateReport, int]:
    """Run, report and gate; returns the run, the gate report and the exit code."""
    thresholds = load_thresholds(args.thresholds)
    cases = load_golden(args.golden, ids=args.case, tags=args.tag, language=args.language)
    cases = cases[: args.limit] if args.limit else cases
    if not cases:
        raise TactfulError("no golden case matches the selection")
    scorers = build_scorers(
        {str(k): v for k, v in thresholds.pass_at.items()},
        embeddings=not args.no_embeddings,
        trust_commitments=thresholds.trust_agent_commitments,
    )

    async def run() -> EvalRun:
        async with Matrix(spec_from(args), settings, generator_factory=generator_factory) as matrix:
            variants = matrix.build()
            total = len(cases) * len(variants) * max(1, args.repeats)
            progress = Progress(total, enabled=not args.no_progress)
            options = RunOptions(
                repeats=args.repeats,
                concurrency=args.concurrency,
                cache_mode=args.cache,
                gate=thresholds.case_gate,
                progress=progress,
                awaiting=thresholds.awaiting_recording,
            )
            return await run_eval(cases, variants, scorers, options)

    result = asyncio.run(run())
    stats = summarize(result, thresholds.case_gate)
    gate = check_gate(result, stats, thresholds, load_baseline(args.baseline))
    totals = {v: len(result.for_variant(v)) for v in result.variants}
    print(render_table(stats, result.scorers, totals, gate))
    files = write_reports(result, stats, gate, thresholds, args.out)
    print(f"\nreports: {files.html}  {files.markdown}  {files.json}  {files.junit}")
    if args.update_baseline:
        write_baseline(baseline_from(result, stats), args.baseline)
        print(f"baseline stored: {args.baseline}")
    degraded = [s for s in stats.values() if s.degraded] if args.fail_on_degraded else []
    if degraded:
        print(f"degraded replies: {', '.join(f'{s.name}: {s.degraded}' for s in degraded)}", file=sys.stderr)
    if args.no_gate:
        return result, gate, 2 if result.errors() else (1 if degraded else 0)
    return result, gate, max(gate.exit_code, 1 if degraded else 0)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    try:
        _, _, code = evaluate(args, get_settings())
    except TactfulError as exc:
        print(f"tactful eval: {exc}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    raise SystemExit(main())
