"""Build small EvalRuns by hand for gate and report tests."""

from __future__ import annotations

from typing import Any

from evals import CaseResult, EvalRun, GoldenCase, Score
from service.schemas import Check, RewriteResponse


def result(case: GoldenCase, variant: str, values: dict[str, float], *, error: str | None = None) -> CaseResult:
    scores = {n: Score(name=n, value=v, passed=v >= 0.5, explanation=f"{n} says {v}") for n, v in values.items()}
    resp = None
    if error is None:
        resp = RewriteResponse(
            reply=case.reference + " <script>x</script>",
            locale=case.language,
            checks=[Check(name="no_platitudes", passed=False, detail="generic «请耐心等待»")],
        )
    return CaseResult(
        variant=variant, case_id=case.id, language=case.language, response=resp, scores=scores, error=error,
        wall_ms=1200, prompt_tokens=100, completion_tokens=40,
    )  # fmt: skip


def make_run(cases: list[GoldenCase], per_variant: dict[str, dict[str, dict[str, float]]]) -> EvalRun:
    """``per_variant[variant][case_id] = {scorer: value}``."""
    by_id = {c.id: c for c in cases}
    results = [result(by_id[cid], v, vals) for v, per_case in per_variant.items() for cid, vals in per_case.items()]
    scorers = sorted({n for r in results for n in r.scores})
    return EvalRun(
        started="2025-01-01T00:00:00+00:00", wall_s=3.0, cache_mode="replay", variants=list(per_variant),
        scorers=scorers, cases=by_id, results=results,
    )  # fmt: skip


def golden(
    language: str,
    message: str,
    draft: str,
    *,
    policy: list[str] | None = None,
    details: list[str] | None = None,
    need: list[str] | None = None,
    emotions: list[str] | None = None,
    **extra: Any,
) -> GoldenCase:
    """A small golden case for scorer tests (details default to the first word or characters of the message)."""
    words = message.split()
    default_detail = message[:2] if language == "zh" else words[0].strip(",.!?")
    request = {"customer_message": message, "draft": draft, "policy": policy or [], **extra.pop("request", {})}
    return GoldenCase.model_validate(
        {
            "id": f"t-{language}",
            "language": language,
            "request": request,
            "emotions": emotions or ["frustration"],
            "details": details or [default_detail],
            "need": need or ["x"],
            "reference": extra.pop("reference", "a reference reply"),
            **extra,
        }
    )
