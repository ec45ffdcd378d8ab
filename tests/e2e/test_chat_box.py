"""The chat box in headless Chromium against the live service, with the model faked on loopback."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from service.cli import main as tactful
from service.feedback import FeedbackStore
from service.settings import get_settings
from tests.e2e._page import WATCH_CARDS, fill, submit_with_keyboard, texts, wait_finished
from tests.e2e.conftest import Live, screenshot
from tests.fakes import CANNED, EN_SCENARIO, ZH_SCENARIO

pytestmark = pytest.mark.browser

OpenPage = Callable[[str], Any]


def test_english_rewrite_streams_step_by_step(open_page: OpenPage, live: Live) -> None:
    # Slow steps, so that each lands visibly on its own: the keyword emotion at once, the read at 1 s
    # (empathy and plan right after), the rewritten reply at 2 s.
    live.model.delays = {"read": 1.0, "compose": 1.0}
    page = open_page("en-US")
    assert page.get_attribute("html", "lang") == "en"
    assert page.inner_text("label[for=draft]") == "Your draft"
    fill(page, EN_SCENARIO)
    page.evaluate(WATCH_CARDS)
    submit_with_keyboard(page)

    page.wait_for_selector("#emotion-card:not([hidden])")
    assert page.is_hidden("#reply-card"), "the emotion must show before the reply exists"
    assert page.get_attribute("#progress [data-step=emotion]", "data-state") == "done"
    assert page.get_attribute("#progress [data-step=reply]", "data-state") == "pending"
    assert wait_finished(page) == "done"

    seen = page.evaluate("window.__seen")
    order = [s["id"] for s in seen]
    assert order == ["emotion-card", "empathy-card", "plan-card", "reply-card", "checks-card", "feedback"]
    at = {s["id"]: s["at"] for s in seen}
    assert at["reply-card"] - at["emotion-card"] > 800, "cards arrived together, not as a stream"
    timings = page.evaluate("window.tactful.timings")[0]
    events = timings["events"]
    assert events[0] == "emotion" and events[-2:] == ["checks", "done"]
    assert events.index("empathy") < events.index("plan") < events.index("reply")
    assert timings["firstMs"] < 500 < timings["doneMs"], "the keyword emotion comes at once"

    # emotion badge, intensity and the customer's own words
    assert page.inner_text(".badge") == "Frustration"
    assert page.get_attribute(".meter", "aria-label") == "Intensity 4 of 5"
    assert texts(page, ".evidence q") == ["I work from home and I've already lost two days of work"]
    # the empathy sentence with the customer's situation highlighted
    marks = texts(page, ".empathy-text mark")
    assert any("two days of work" in m for m in marks)
    # the plan: the customer's own option first (no time in its fact), then the status updates
    steps = page.locator(".plan-step")
    assert steps.count() == 2
    assert "request a bill credit" in steps.nth(0).inner_text()
    assert steps.nth(0).get_attribute("data-commitment") == "false"
    assert "every 6 hours" in steps.nth(1).inner_text()
    # the reply, editable, and the word-level diff against the draft
    reply = page.input_value("#reply")
    assert reply == CANNED["en"]["compose"]["reply"]
    assert "Dear Jordan," in " ".join(texts(page, "#diff ins"))
    assert texts(page, "#diff del"), "what the rewrite removed from the draft is shown"
    assert page.inner_text("#checks-summary") == "16 of 17 checks passed"
    assert page.is_hidden("#degraded")
    screenshot(page, "chat-en")


def test_edit_copy_rate_accept_and_export(open_page: OpenPage, live: Live, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    page = open_page("en-GB")
    fill(page, EN_SCENARIO)
    submit_with_keyboard(page)
    assert wait_finished(page) == "done"

    # edit in place: the diff follows the edit
    page.click("#reply")
    page.keyboard.press("Control+End")
    page.keyboard.type("\nP.S. Your line is flagged for a priority check.")
    edited = page.input_value("#reply")
    assert edited.endswith("P.S. Your line is flagged for a priority check.")
    page.wait_for_selector("#diff ins:has-text('priority check')")
    assert "Edited by you" in page.inner_text("#reply-flags")

    # copy: the clipboard holds the edited reply
    page.click("#copy")
    page.wait_for_selector("#action-status:has-text('Copied')")
    assert page.evaluate("navigator.clipboard.readText()") == edited

    # thumbs up with a reason, then accept: one record, updated
    page.click("#thumb-up")
    assert page.get_attribute("#thumb-up", "aria-pressed") == "true"
    page.wait_for_selector("#feedback-status:has-text('Thanks, saved.')")
    page.fill("#reason", "Kept my facts, added the credit")
    page.press("#reason", "Enter")
    page.click("#accept")
    page.wait_for_selector("#action-status:has-text('Accepted and saved')")

    records = FeedbackStore.for_settings(live.settings).all()
    mine = [r for r in records if r.final_reply == edited]
    assert len(mine) == 1
    record = mine[0]
    assert record.rating == "up" and record.accepted and record.reason == "Kept my facts, added the credit"
    assert record.request.customer_message == EN_SCENARIO["customer_message"]
    assert record.response.reply == CANNED["en"]["compose"]["reply"]

    # export with the real command line, reading the same data directory from the environment
    out = tmp_path / "feedback.yaml"
    monkeypatch.setenv("TACTFUL_DATA_DIR", str(live.settings.resolved_data_dir))
    get_settings.cache_clear()
    try:
        assert tactful(["feedback", "export", "--out", str(out)]) == 0
    finally:
        get_settings.cache_clear()
    golden = yaml.safe_load(out.read_text(encoding="utf-8"))
    case = next(c for c in golden["cases"] if c["reference"] == edited)
    assert case["language"] == "en" and case["emotions"] == ["frustration"]
    assert {"accepted", "edited", "rated-up"} <= set(case["tags"])
    assert "Kept my facts" in case["notes"]


def test_chinese_page_and_language_switch(open_page: OpenPage, live: Live) -> None:
    page = open_page("zh-CN")
    assert page.get_attribute("html", "lang") == "zh-CN"
    assert page.inner_text("label[for=draft]") == "您的草稿"
    fill(page, ZH_SCENARIO)
    submit_with_keyboard(page)
    assert wait_finished(page) == "done"

    assert page.inner_text(".badge") == "烦躁"
    assert page.get_attribute(".meter", "aria-label") == "强度 4/5"
    assert any("打了两次电话" in m for m in texts(page, ".empathy-text mark"))
    steps = page.locator(".plan-step")
    assert steps.count() == 2
    assert [s.get_attribute("data-commitment") for s in steps.all()] == ["false", "false"]
    assert "加急工单" in steps.nth(0).inner_text()
    # Chinese is diffed per character: the removed platitude shows as removed characters
    assert "请耐心等待" in "".join(texts(page, "#diff del"))
    assert "退款" not in "".join(texts(page, "#diff ins")[:1])
    assert page.inner_text("#checks-summary") == "17 项检查全部通过"
    screenshot(page, "chat-zh")

    # switch to English: the labels and the results redraw; the choice is kept on reload
    page.click("#lang-switch")
    assert page.get_attribute("html", "lang") == "en"
    assert page.inner_text("label[for=draft]") == "Your draft"
    assert page.inner_text(".badge") == "Frustration"
    assert page.input_value("#reply") == CANNED["zh"]["compose"]["reply"]
    page.reload()
    page.wait_for_selector("body[data-state=idle]")
    assert page.inner_text("label[for=draft]") == "Your draft"
    page.click("#lang-switch")
    assert page.inner_text("label[for=draft]") == "您的草稿"


def test_regenerate_runs_again_with_the_same_inputs(open_page: OpenPage, live: Live) -> None:
    page = open_page("en-US")
    fill(page, EN_SCENARIO)
    submit_with_keyboard(page)
    assert wait_finished(page) == "done"
    page.fill("#reply", "my own words")
    page.click("#thumb-down")
    page.wait_for_selector("#feedback-status:has-text('Thanks, saved.')")
    calls = len(live.model.calls)
    page.click("#regenerate")
    assert page.get_attribute("body", "data-state") == "streaming"
    assert wait_finished(page) == "done"
    assert len(live.model.calls) == 2 * calls
    assert page.input_value("#reply") == CANNED["en"]["compose"]["reply"]
    assert page.inner_text("#reply-flags") == ""
    assert page.get_attribute("#thumb-down", "aria-pressed") == "false"
    assert len(page.evaluate("window.tactful.timings")) == 2


def test_escape_stops_a_running_rewrite(open_page: OpenPage, live: Live) -> None:
    live.model.delays = {"*": 20.0}
    page = open_page("zh-CN")
    fill(page, ZH_SCENARIO)
    submit_with_keyboard(page)
    page.wait_for_selector("#stop:visible")
    page.keyboard.press("Escape")
    page.wait_for_selector("#status:has-text('已停止')")
    assert page.is_hidden("#stop") and page.is_enabled("#submit")


def test_degraded_service_keeps_the_draft(open_page: OpenPage, live: Live) -> None:
    live.model.fail = True
    page = open_page("en-US")
    fill(page, EN_SCENARIO)
    submit_with_keyboard(page)
    assert wait_finished(page) == "degraded"
    assert page.is_visible("#degraded")
    assert "your draft is kept below, unchanged" in page.inner_text("#degraded")
    assert page.input_value("#reply") == EN_SCENARIO["draft"]
    assert page.is_hidden("#diff-box")
    assert any(w.startswith("degraded") for w in texts(page, "#warnings li"))
    assert page.get_attribute("#progress [data-step=reply]", "data-state") == "skipped"
    assert live.model.calls, "the service did call the model"
    # the draft can still be copied and sent
    page.click("#copy")
    page.wait_for_selector("#action-status:has-text('Copied')")
    assert page.evaluate("navigator.clipboard.readText()") == EN_SCENARIO["draft"]
    screenshot(page, "chat-degraded-en")


def test_stop_cancels_the_model_calls(open_page: OpenPage, live: Live) -> None:
    live.model.delays = {"*": 20.0}
    page = open_page("en-US")
    fill(page, EN_SCENARIO)
    submit_with_keyboard(page)
    deadline = time.monotonic() + 10
    while len(live.model.calls) < 1 and time.monotonic() < deadline:  # the read step
        time.sleep(0.05)
    assert live.model.names() == ["read"]
    page.click("#stop")
    assert page.inner_text("#status") == "Stopped. Your inputs are kept."
    deadline = time.monotonic() + 5
    while not all(c.disconnected for c in live.model.calls) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(c.disconnected for c in live.model.calls), "closing the stream must cancel the model calls"
    assert page.input_value("#draft") == EN_SCENARIO["draft"]


def test_refused_request_is_explained(open_page: OpenPage, live: Live) -> None:
    page = open_page("en-US")
    page.fill("#customer_message", "x " * 2600)
    page.fill("#draft", "y " * 2600)
    submit_with_keyboard(page)
    page.wait_for_selector("#form-error:not([hidden])")
    message = page.inner_text("#form-error")
    assert message.startswith("The request was refused:") and "limit is 8000" in message
    assert not live.model.calls

    page.fill("#customer_message", "")
    submit_with_keyboard(page)
    assert page.inner_text("#form-error") == "Please fill in: Customer's message"
    assert page.get_attribute("#customer_message", "aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "customer_message"


def test_inputs_are_labelled_and_policy_is_kept(open_page: OpenPage) -> None:
    page = open_page("en-US")
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll("textarea, input, select")]
              .filter((el) => el.labels.length === 0 && !el.getAttribute("aria-label")).map((el) => el.id)"""
    )
    assert unlabelled == []
    page.fill("#policy", "Refunds reach the card in 5 working days\nAgents may waive one late fee a year")
    page.select_option("#channel", "email")
    page.reload()
    page.wait_for_selector("body[data-state=idle]")
    assert page.input_value("#policy").splitlines() == [
        "Refunds reach the card in 5 working days",
        "Agents may waive one late fee a year",
    ]
    assert page.input_value("#channel") == "email"
    # every action is reachable by keyboard: buttons, not clickable divs
    assert page.evaluate("[...document.querySelectorAll('[onclick], div[tabindex]')].length") == 0
