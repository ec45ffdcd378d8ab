"""The live service (uvicorn on loopback, real litellm calls to a fake OpenAI server) and headless Chromium.

Chromium is Debian's (``/usr/bin/chromium``), driven by Playwright without ``playwright install``.
Screenshots go to ``artifacts/screenshots/`` at the repository root; their paths are printed at the end
of the run.

The fixtures are package-scoped, not session-scoped: Playwright's sync API leaves its event loop marked
as running in the main thread while it is open, which would break every async test that runs after
this package. Closing it at the end of ``tests/e2e`` keeps the rest of the suite unaffected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from service.api.main import create_app
from service.settings import Settings
from tests.fakes import FakeOpenAI, serve_in_thread

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
SCREENSHOTS: list[Path] = []


@dataclass
class Live:
    url: str
    settings: Settings
    model: FakeOpenAI


@pytest.fixture(scope="package")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    fake = FakeOpenAI()
    with serve_in_thread(fake.app()) as model_base:
        settings = Settings(
            model="openai/stub",
            api_base=f"{model_base}/v1",
            api_key="sk-test",
            home=tmp_path_factory.mktemp("tactful-home"),
            retries=0,
            timeout_s=15,
            chain_mode="full",
        )
        with serve_in_thread(create_app(settings)) as url:
            yield Live(url=url, settings=settings, model=fake)


@pytest.fixture(autouse=True)
def _fresh_model(live: Live) -> None:
    live.model.reset()


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium (make browsers)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def open_page(browser: Any, live: Live) -> Iterator[Callable[[str], Any]]:
    """``open_page("zh-CN")``: a fresh browser context in that locale, on the chat box, errors collected."""
    contexts: list[Any] = []
    errors: list[str] = []

    def open_(locale: str) -> Any:
        context = browser.new_context(locale=locale, viewport={"width": 1360, "height": 900})
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live.url)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(live.url)
        page.wait_for_selector("body[data-state=idle]")
        return page

    yield open_
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def screenshot(page: Any, name: str) -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(path), full_page=True, animations="disabled")
    SCREENSHOTS.append(path)
    print(f"screenshot: {path}")
    return path


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if SCREENSHOTS:
        terminalreporter.section("chat box screenshots")
        for path in SCREENSHOTS:
            terminalreporter.write_line(str(path))

