"""A live progress bar on stderr, no dependencies: one redrawn line on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from evals._types import CaseResult


class Progress:
    def __init__(self, total: int, *, stream: TextIO | None = None, width: int = 28, enabled: bool = True) -> None:
        self.total = max(total, 1)
        self.stream = stream or sys.stderr
        self.width = width
        self.enabled = enabled
        self.done = 0
        self.failed = 0
        self.errors = 0
        self.started = time.perf_counter()
        self.live = enabled and self.stream.isatty()

    def _eta(self) -> str:
        if not self.done:
            return "--"
        elapsed = time.perf_counter() - self.started
        left = elapsed / self.done * (self.total - self.done)
        return f"{int(left // 60)}m{int(left % 60):02d}s"

    def line(self, last: str = "") -> str:
        filled = int(self.width * self.done / self.total)
        bar = "#" * filled + "." * (self.width - filled)
        return (
            f"[{bar}] {self.done}/{self.total}  failed {self.failed}  errors {self.errors}  eta {self._eta()}  {last}"
        ).rstrip()

    def update(self, result: CaseResult, gate: list[str]) -> None:
        self.done += 1
        self.errors += bool(result.error)
        self.failed += bool(not result.error and result.failed(gate))
        if not self.enabled:
            return
        status = "ERROR" if result.error else ("fail" if result.failed(gate) else "ok")
        last = f"{result.variant} {result.case_id} {status} {result.wall_ms / 1000:.1f}s"
        if self.live:
            self.stream.write("\r\x1b[2K" + self.line(last)[:200])
            if self.done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(self.line(last) + "\n")
        self.stream.flush()
