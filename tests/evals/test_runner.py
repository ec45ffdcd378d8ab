"""The runner: every case x repeat x variant, bounded concurrency, isolated failures, timing and usage."""

from __future__ import annotations

import asyncio

from evals import CaseResult, GoldenCase, RunOptions, VariantRun, build_scorers, run_eval
from evals._progress import Progress
from evals.solvers import ChainSolver
from service.engine import build_deps
from service.llm import FakeGenerator
from service.schemas import RewriteResponse
from service.settings import Settings


async def test_chain_on_both_languages_with_the_oracle(
    settings: Settings, oracle: FakeGenerator, zh_case: GoldenCase, en_case: GoldenCase
) -> None:
    variant = VariantRun("chain:fake", ChainSolver(build_deps(settings, oracle)))
    run = await run_eval([zh_case, en_case], [variant], build_scorers(embeddings=False), RunOptions(repeats=2))
    assert [(r.case_id, r.repeat) for r in run.results] == [
        (zh_case.id, 0), (zh_case.id, 1), (en_case.id, 0), (en_case.id, 1)
    ]  # fmt: skip
    for r in run.results:
        assert r.error is None and r.response is not None
        assert r.response.reply == run.cases[r.case_id].reference
        assert r.prompt_tokens > 0 and r.completion_tokens > 0
        assert not r.failed(["faithfulness", "safety", "fact_retention", "language_match", "length_budget"])
    assert run.scorers[:3] == ["emotion_match", "empathy_specificity", "smart_plan"]


async def test_concurrency_is_bounded_and_errors_are_isolated(zh_case: GoldenCase, en_case: GoldenCase) -> None:
    running = peak = 0

    async def solver(case: GoldenCase) -> RewriteResponse:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01)
        running -= 1
        if case.language == "en":
            raise RuntimeError("service down")
        return RewriteResponse(reply=case.reference, locale=case.language)

    lines: list[str] = []

    class Sink:
        def write(self, s: str) -> None:
            lines.append(s)

        def flush(self) -> None:
            pass

        def isatty(self) -> bool:
            return False

    progress = Progress(6, stream=Sink())  # type: ignore[arg-type]
    options = RunOptions(repeats=3, concurrency=2, gate=["faithfulness"], progress=progress)
    run = await run_eval([zh_case, en_case], [VariantRun("v", solver)], build_scorers(embeddings=False), options)
    assert peak == 2
    errors = [r for r in run.results if r.error]
    assert len(errors) == 3 and all("service down" in (r.error or "") for r in errors)
    assert all(isinstance(r, CaseResult) and r.scores for r in run.results if not r.error)
    assert progress.done == 6 and progress.errors == 3 and "6/6" in lines[-1]


async def test_scorer_bug_is_reported_not_fatal(zh_case: GoldenCase) -> None:
    def broken(case: GoldenCase, response: RewriteResponse) -> object:
        raise ValueError("boom")

    async def solver(case: GoldenCase) -> RewriteResponse:
        return RewriteResponse(reply=case.reference, locale="zh")

    run = await run_eval([zh_case], [VariantRun("v", solver)], {"broken": broken})  # type: ignore[dict-item]
    score = run.results[0].scores["broken"]
    assert score.value is None and not score.passed and "boom" in score.explanation


async def test_run_level_checks_see_the_whole_variant(cases: dict[str, GoldenCase]) -> None:
    """A closing line repeated across most replies fails seams on each of them, per variant."""
    picked = [c for c in cases.values() if c.language == "zh"][:6]

    async def stock(case: GoldenCase) -> RewriteResponse:
        return RewriteResponse(reply=f"{case.reference}\n有新进展我会第一时间联系您。", locale=case.language)

    async def own(case: GoldenCase) -> RewriteResponse:
        return RewriteResponse(reply=case.reference, locale=case.language)

    variants = [VariantRun("stock", stock), VariantRun("own", own)]
    run = await run_eval(picked, variants, build_scorers(embeddings=False), RunOptions())
    for r in run.for_variant("stock"):
        assert not r.scores["seams"].passed and "stock closing line" in r.scores["seams"].explanation
    assert all(r.scores["seams"].passed for r in run.for_variant("own"))
