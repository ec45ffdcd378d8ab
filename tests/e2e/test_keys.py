"""The chat box on a service with API keys: it asks for a key on 401 and keeps it for the session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from service.api.main import create_app
from service.feedback import FeedbackStore
from service.settings import Settings
from tests.e2e._page import fill, submit_with_keyboard, wait_finished
from tests.e2e.conftest import Live, screenshot
from tests.fakes import EN_SCENARIO, serve_in_thread

pytestmark = pytest.mark.browser

KEY = "tk-agent-0123456789abcdef"


@pytest.fixture(scope="module")
def keyed(live: Live, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Settings]]:
    settings = live.settings.model_copy(
        update={"home": tmp_path_factory.mktemp("keyed-home"), "api_keys": Settings(
            api_keys={"agents": KEY}).api_keys}
    )
    with serve_in_thread(create_app(settings)) as url:
        yield url, settings


def test_the_page_asks_for_a_key_and_keeps_it_for_the_session(browser: Any, keyed: tuple[str, Settings],
                                                              tmp_path: Path) -> None:
    url, settings = keyed
    context = browser.new_context(locale="en-US", viewport={"width": 1360, "height": 900})
    context.set_default_timeout(15_000)
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(url)
        page.wait_for_selector("body[data-state=idle]")
        fill(page, EN_SCENARIO)
        submit_with_keyboard(page)
        page.wait_for_selector("#key-dialog[open]")
        assert "needs an API key" in page.inner_text("#key-message")
        screenshot(page, "chat-key-dialog")
        page.fill("#api-key", "wrong-key-0000000000")
        page.press("#api-key", "Enter")
        page.wait_for_selector("#key-message:has-text('not accepted')")
        page.fill("#api-key", KEY)
        page.click("#key-submit")
        assert wait_finished(page) == "done"
        assert page.evaluate("sessionStorage.getItem('tactful.apiKey')") == KEY
        assert page.evaluate("localStorage.getItem('tactful.apiKey')") is None, "not kept beyond the session"

        page.click("#thumb-up")
        page.wait_for_selector("#feedback-status:has-text('Thanks, saved.')")
        page.click("#accept")
        page.wait_for_selector("#action-status:has-text('Accepted and saved')")
        record = FeedbackStore.for_settings(settings).all()[0]
        assert record.key == "agents" and record.version == 2 and record.accepted

        page.reload()  # same tab, same session: no second prompt
        page.wait_for_selector("body[data-state=idle]")
        fill(page, EN_SCENARIO)
        submit_with_keyboard(page)
        assert wait_finished(page) == "done"
        assert not page.is_visible("#key-dialog")
    finally:
        context.close()
    assert not errors, errors
