from __future__ import annotations

import io

from evals import CaseResult
from evals._progress import Progress


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def _result(case_id: str, *, error: str | None = None, failed: bool = False) -> CaseResult:
    from evals import Score

    scores = {"faithfulness": Score(name="faithfulness", value=0.0 if failed else 1.0, passed=not failed)}
    return CaseResult(
        variant="chain:embedded", case_id=case_id, language="zh", scores=scores, error=error, wall_ms=1500
    )


def test_plain_stream_gets_one_line_per_case() -> None:
    stream = io.StringIO()
    progress = Progress(3, stream=stream)
    progress.update(_result("a"), ["faithfulness"])
    progress.update(_result("b", failed=True), ["faithfulness"])
    progress.update(_result("c", error="boom"), ["faithfulness"])
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3 and lines[0].startswith("[" + "#" * 9 + "." * 19 + "] 1/3")
    assert "b fail" in lines[1] and "failed 1" in lines[1] and "c ERROR" in lines[2] and "errors 1" in lines[2]


def test_terminal_redraws_one_line_and_ends_it() -> None:
    stream = Tty()
    progress = Progress(2, stream=stream)
    progress.update(_result("a"), [])
    progress.update(_result("b"), [])
    text = stream.getvalue()
    assert text.count("\r\x1b[2K") == 2 and text.endswith("\n") and "2/2" in text


def test_disabled_progress_is_silent() -> None:
    stream = io.StringIO()
    Progress(1, stream=stream, enabled=False).update(_result("a"), [])
    assert stream.getvalue() == ""
