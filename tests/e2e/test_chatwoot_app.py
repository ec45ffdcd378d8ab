"""The Chatwoot dashboard app in headless Chromium, framed by a stand-in for Chatwoot's dashboard.

The parent page is served on loopback from another origin (``http://localhost:<port>``; the app is on
``http://127.0.0.1:<port>``), and does what Chatwoot's ``DashboardApp/Frame.vue`` does: on the frame's
``load`` and on every ``chatwoot-dashboard-app:fetch-info`` it posts
``JSON.stringify({event: "appContext", data: {conversation, contact, currentAgent}})`` to the frame.
The app is the live service's ``/apps/chatwoot``, with API keys on, and the model faked on loopback.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from service.api.main import create_app
from service.settings import Settings
from tests.e2e.conftest import Live, screenshot
from tests.fakes import EN_SCENARIO, serve_in_thread

pytestmark = pytest.mark.browser

KEY = "tk-chatwoot-0123456789abcdef"
FRAME_ID = "dashboard-app--frame-0-0"

LAST_1 = "Third day without internet."
LAST_2 = "I work from home and I've already lost two days of work. Your app just says 'we're aware'."


def _message(id_: int, content: str, message_type: int, at: int, **extra: Any) -> dict[str, Any]:
    sender = {"id": 77, "name": "Jordan Lee", "type": "contact"} if message_type == 0 else {
        "id": 5, "name": "Priya", "type": "user"}
    return {"id": id_, "content": content, "message_type": message_type, "content_type": "text",
            "created_at": at, "private": False, "conversation_id": 4721, "sender": sender, **extra}  # fmt: skip


# Shaped like Chatwoot's dashboard store: listed newest-first here to prove the app orders by created_at.
CONTEXT: dict[str, Any] = {
    "conversation": {
        "id": 4721,
        "inbox_id": 3,
        "status": "open",
        "channel": "Channel::Email",
        "meta": {
            "sender": {"id": 77, "name": "Jordan Lee", "email": "jordan@example.com", "thumbnail": ""},
            "assignee": {"id": 5, "name": "Priya", "available_name": "Priya"},
            "channel": "Channel::Email",
            "hmac_verified": False,
        },
        "messages": [
            _message(6, LAST_2, 0, 1764590460),
            _message(5, LAST_1, 0, 1764590400),
            _message(4, "Outage ticket OUT-88 covers this street", 1, 1764504000, private=True),
            _message(3, "Priya self-assigned this conversation", 2, 1764503000),
            _message(2, "We are looking into it and will update you.", 1, 1764502000),
            _message(1, "My internet has been down since Monday.", 0, 1764500000),
        ],
    },
    "contact": {"id": 77, "name": "Jordan", "email": "jordan@example.com", "phone_number": None},
    "currentAgent": {"id": 5, "name": "Priya", "email": "priya@example.com"},
}

PARENT = """<!doctype html>
<html><head><meta charset="utf-8"><title>Chatwoot (stand-in)</title></head>
<body>
<iframe id="%(frame_id)s" src="%(src)s" style="width:1100px;height:1500px;border:0"></iframe>
<script>
  const context = %(context)s;
  const frame = document.getElementById("%(frame_id)s");
  window.posted = 0; window.asked = 0; window.loaded = 0;
  const post = () => {
    frame.contentWindow.postMessage(JSON.stringify({ event: "appContext", data: context }), "*");
    window.posted += 1;
  };
  frame.addEventListener("load", () => { window.loaded += 1; post(); });
  window.onmessage = (e) => {
    if (typeof e.data !== "string" || e.data !== "chatwoot-dashboard-app:fetch-info") return;
    window.asked += 1;
    post();
  };
</script>
</body></html>
"""


class Parent:
    """The stand-in for Chatwoot's dashboard: one page, the HTML of the test that opened it."""

    def __init__(self) -> None:
        self.html = ""
        self.app = FastAPI()
        self.app.add_api_route("/app/accounts/1/conversations/4721", self.page, response_class=HTMLResponse)

    async def page(self) -> HTMLResponse:
        return HTMLResponse(self.html)


@pytest.fixture(scope="module")
def parent() -> Iterator[tuple[Parent, str]]:
    stand_in = Parent()
    with serve_in_thread(stand_in.app) as url:
        # Chromium's local-network-access checks block a loopback frame inside a page it counts as public:
        # the stand-in is on loopback too, under another name, so the two are different origins
        yield stand_in, url.replace("127.0.0.1", "localhost")


@pytest.fixture(scope="module")
def framed_service(
    live: Live, parent: tuple[Parent, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    chatwoot = parent[1]
    settings = live.settings.model_copy(
        update={
            "home": tmp_path_factory.mktemp("chatwoot-home"),
            "api_keys": Settings(api_keys={"chatwoot": KEY}).api_keys,
            "frame_ancestors": Settings(frame_ancestors=f"'self' {chatwoot}").frame_ancestors,
        }
    )
    with serve_in_thread(create_app(settings)) as url:
        yield url


def _open_parent(
    browser: Any, parent: tuple[Parent, str], app_url: str, context_data: dict[str, Any]
) -> tuple[Any, Any, list[str]]:
    stand_in, chatwoot = parent
    context = browser.new_context(locale="en-US", viewport={"width": 1200, "height": 1000})
    context.set_default_timeout(15_000)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=chatwoot)
    stand_in.html = PARENT % {
        "frame_id": FRAME_ID, "src": f"{app_url}/apps/chatwoot", "context": json.dumps(context_data)}  # fmt: skip
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{chatwoot}/app/accounts/1/conversations/4721")
    page.wait_for_function("window.loaded > 0")
    return context, page, errors


def _app_frame(page: Any) -> Any:
    frame = page.frame(url=lambda url: "/apps/chatwoot" in url)
    assert frame is not None, [f.url for f in page.frames]
    return frame


def test_the_app_reads_the_conversation_streams_the_rewrite_and_copies_it(
    browser: Any, live: Live, parent: tuple[Parent, str], framed_service: str
) -> None:
    live.model.delays = {"read": 0.8, "compose": 0.8}  # so that the emotion visibly lands before the reply
    context, page, errors = _open_parent(browser, parent, framed_service, CONTEXT)
    sent: list[Any] = []
    context.on("request", lambda r: sent.append(r.post_data_json) if r.url.endswith("/rewrite/stream") else None)
    try:
        frame = _app_frame(page)
        frame.wait_for_selector("body[data-context=ready]")
        assert page.evaluate("window.asked") >= 1, "the app asks Chatwoot for the context itself"

        # pre-filled: the customer's last run of messages, in time order; the earlier ones as history
        assert frame.input_value("#customer_message") == f"{LAST_1}\n{LAST_2}"
        assert frame.input_value("#channel") == "email"
        assert frame.inner_text("#context-status") == "Conversation #4721: 2 customer message(s) read"
        assert frame.inner_text("#history-summary") == "Earlier in the conversation (2)"
        frame.click("#history-summary")
        history = frame.locator("#history li").all_inner_texts()
        assert history == ["Customer My internet has been down since Monday.",
                           "Agent We are looking into it and will update you."]  # fmt: skip
        assert frame.input_value("#draft") == ""

        frame.click("#more summary")
        frame.fill("#policy", "\n".join(EN_SCENARIO["policy"]))
        frame.fill("#draft", EN_SCENARIO["draft"])
        frame.focus("#draft")
        page.keyboard.press("Control+Enter")

        # the service has keys: the app asks for one, then the rewrite streams in
        frame.wait_for_selector("#key-dialog[open]")
        assert "needs an API key" in frame.inner_text("#key-message")
        frame.fill("#api-key", KEY)
        frame.click("#key-submit")
        frame.wait_for_selector("#emotion-card:not([hidden])")
        assert frame.is_hidden("#reply-card"), "the emotion shows before the reply exists"
        frame.wait_for_selector("body[data-state=done]")

        shown = frame.input_value("#reply")
        assert frame.inner_text("#emotion-card .badge") == "Frustration"
        steps = frame.locator(".plan-step")
        assert steps.count() == 2 and "every 6 hours" in steps.nth(1).inner_text()
        assert frame.is_visible("#checks-card") and "checks passed" in frame.inner_text("#checks-summary")
        assert frame.is_hidden("#degraded")
        assert frame.inner_text("#status") == "Done"

        body = sent[-1]
        assert body["customer_message"] == f"{LAST_1}\n{LAST_2}" and body["draft"] == EN_SCENARIO["draft"]
        assert body["history"] == [
            {"role": "customer", "text": "My internet has been down since Monday."},
            {"role": "agent", "text": "We are looking into it and will update you."},
        ]
        assert body["channel"] == "email" and body["policy"] == EN_SCENARIO["policy"]
        assert body["customer"] == {"name": "Jordan"} and body["agent"] == {"name": "Priya"}
        assert "OUT-88" not in json.dumps(body), "a private note never leaves Chatwoot"
        # what the app shows is what the service answers for that request (the fake model is deterministic)
        answer = httpx.post(f"{framed_service}/rewrite", json=body, headers={"Authorization": f"Bearer {KEY}"},
                            timeout=30).json()  # fmt: skip
        assert shown == answer["reply"] and shown.startswith("Dear Jordan,") and not answer["degraded"]

        frame.click("#copy")
        frame.wait_for_selector("#action-status:has-text('Copied')")
        assert page.evaluate("navigator.clipboard.readText()") == shown
        screenshot(page, "chatwoot-app")

        # Chatwoot re-sends the context (a new message came in): the draft stays, the customer text follows
        newer = json.loads(json.dumps(CONTEXT))
        newer["conversation"]["messages"].insert(0, _message(7, "Any news?", 0, 1764591000))
        page.evaluate(
            f"(data) => document.getElementById('{FRAME_ID}').contentWindow.postMessage("
            "JSON.stringify({event: 'appContext', data}), '*')",
            newer,
        )
        frame.wait_for_selector("#context-status:has-text('3 customer message')")
        assert frame.input_value("#customer_message").endswith("\nAny news?")
        assert frame.input_value("#draft") == EN_SCENARIO["draft"]
    finally:
        context.close()
    assert not errors, errors


def test_a_page_that_is_not_the_parent_cannot_fill_the_app(
    browser: Any, parent: tuple[Parent, str], framed_service: str
) -> None:
    context, page, errors = _open_parent(browser, parent, framed_service, CONTEXT)
    try:
        frame = _app_frame(page)
        frame.wait_for_selector("body[data-context=ready]")
        # a message from the app's own window (not its parent) is ignored
        frame.evaluate("""() => window.postMessage(JSON.stringify({event: "appContext", data: {conversation:
            {id: 9, messages: [{content: "forged", message_type: 0}]}}}), "*")""")
        frame.wait_for_timeout(300)
        assert "forged" not in frame.input_value("#customer_message")
        assert frame.inner_text("#context-status").startswith("Conversation #4721")
    finally:
        context.close()
    assert not errors, errors


def test_the_app_cannot_be_framed_by_an_origin_not_allowed(
    browser: Any, live: Live, parent: tuple[Parent, str]
) -> None:
    # the default TACTFUL_FRAME_ANCESTORS is 'self': Chromium refuses to show the app inside another origin
    assert live.settings.frame_ancestors == "'self'"
    context, page, _ = _open_parent(browser, parent, live.url, CONTEXT)
    try:
        frames = [f for f in page.frames if f is not page.main_frame]
        assert frames and all(f.query_selector("#draft") is None for f in frames)
        assert page.evaluate("window.asked") == 0, "the blocked app never ran"
    finally:
        context.close()
