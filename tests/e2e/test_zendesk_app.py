"""The Zendesk sidebar app, as ``make zendesk-app`` packages it, in headless Chromium with a stub ZAF client.

The app's files come out of the built zip and are served on loopback (as Zendesk serves an app's assets).
The page's one outside script, the ZAF SDK on Zendesk's CDN, is answered by ``zaf_stub.js``; every other
request off loopback is refused and recorded. The stub's ``request`` goes through a Playwright binding in
which this test plays Zendesk's proxy: it fills in the secure ``api_key`` setting only for a request marked
``secure: true`` and calls the live service.
"""

from __future__ import annotations

import html
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from scripts.zendesk_app import SDK_URL, build
from service.api.main import create_app
from service.settings import Settings
from tests.e2e.conftest import Live, screenshot
from tests.fakes import EN_SCENARIO, ZH_SCENARIO, serve_in_thread

pytestmark = pytest.mark.browser

KEY = "tk-zendesk-0123456789abcdef"
STUB = Path(__file__).with_name("zaf_stub.js")

LAST = ("Third day without internet.<br>I work from home and I've already lost two days of work. "
        "Your app just says 'we're aware'.")


def _comment(id_: int, value: str, role: str, at: str, public: bool = True) -> dict[str, Any]:
    author = {"id": 11, "name": "Jordan Lee", "email": "jordan@example.com", "role": "end-user"} if role == "end-user" \
        else {"id": 5, "name": "Priya", "email": "priya@example.com", "role": role}  # fmt: skip
    return {"id": id_, "value": value, "author": author, "public": public, "created_at": at,
            "imageAttachments": [], "nonImageAttachments": []}  # fmt: skip


EN_TICKET = {
    "ticket.comments": [
        _comment(1, "<p>My internet has been down since <b>Monday</b>.</p>", "end-user", "2026-11-30T09:00:00Z"),
        _comment(2, "<p>We are looking into it.</p><p>Thanks for your patience.</p>", "agent", "2026-11-30T10:00:00Z"),
        _comment(3, "<p>Outage ticket OUT-88 covers this street</p>", "agent", "2026-11-30T10:05:00Z", public=False),
        _comment(4, f"<p>{LAST}</p>", "end-user", "2026-12-02T08:00:00Z"),
    ],
    "ticket.requester.name": "Jordan",
    "ticket.via.channel": "email",
    "currentUser.name": "Priya",
    "currentUser.locale": "en-US",
    "ticket.editor.capabilities": {"richText": True},
}


@pytest.fixture(scope="module")
def keyed_service(live: Live, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = live.settings.model_copy(
        update={"home": tmp_path_factory.mktemp("zendesk-home"), "api_keys": Settings(api_keys={"zd": KEY}).api_keys}
    )
    with serve_in_thread(create_app(settings)) as url:
        yield url


@pytest.fixture(scope="module")
def app_host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built zip, unpacked and served like Zendesk serves an app's assets."""
    built = build(tmp_path_factory.mktemp("zip"), ["127.0.0.1"])
    unpacked = tmp_path_factory.mktemp("app")
    with zipfile.ZipFile(built) as zf:
        zf.extractall(unpacked)
    assets = FastAPI()
    assets.mount("/", StaticFiles(directory=unpacked))
    with serve_in_thread(assets) as url:
        yield url


class Zendesk:
    """One agent's sidebar: the page, what the stub saw, and what the 'proxy' sent."""

    def __init__(self, browser: Any, app_host: str, data: dict[str, Any], settings: dict[str, Any],
                 secure: dict[str, str], locale: str = "en-US") -> None:  # fmt: skip
        self.context = browser.new_context(locale=locale, viewport={"width": 360, "height": 900})
        self.context.set_default_timeout(15_000)
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.proxied: list[dict[str, Any]] = []
        self.secure = secure
        self.context.route(SDK_URL, lambda route: route.fulfill(status=200, content_type="text/javascript",
                                                                body=STUB.read_text(encoding="utf-8")))  # fmt: skip
        self.context.route(lambda url: not url.startswith(("http://127.0.0.1", SDK_URL)), self._refuse)
        self.context.add_init_script(f"window.__zaf = {json.dumps({'data': data, 'settings': settings})};")
        self.context.expose_function("__zafProxy", self._proxy)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.goto(f"{app_host}/assets/iframe.html")

    def _refuse(self, route: Any) -> None:
        self.blocked.append(route.request.url)
        route.abort()

    def _proxy(self, options: dict[str, Any]) -> dict[str, Any]:
        headers = dict(options.get("headers") or {})
        if options.get("secure") is True:
            headers = {k: v.replace("{{setting.api_key}}", self.secure["api_key"]) for k, v in headers.items()}
        headers["Content-Type"] = options["contentType"]
        self.proxied.append({"url": options["url"], "headers": headers})
        resp = httpx.request(options["type"], options["url"], content=options["data"], headers=headers, timeout=60)
        return {"status": resp.status_code, "body": resp.text, "reason": resp.reason_phrase}

    def zaf(self, name: str) -> Any:
        return self.page.evaluate(f"window.__zaf.{name}")

    def close(self) -> None:
        self.context.close()
        assert not self.errors, self.errors
        assert not self.blocked, f"the app reached outside: {self.blocked}"


def test_the_sidebar_reads_the_ticket_rewrites_through_the_proxy_and_inserts_the_reply(
    browser: Any, keyed_service: str, app_host: str
) -> None:
    settings = {"tactful_url": keyed_service + "/", "policy": "\n".join(EN_SCENARIO["policy"]), "tone": "formal"}
    zd = Zendesk(browser, app_host, EN_TICKET, settings, {"api_key": KEY})
    try:
        page = zd.page
        page.wait_for_selector("body[data-state=ready]")
        assert any("ticket.comments" in paths for paths in zd.zaf("gets"))
        assert page.input_value("#customer_message") == LAST.replace("<br>", "\n")
        assert page.inner_text("#status") == "1 customer message(s) read from the ticket"
        assert page.inner_text("#history-note") == "2 earlier message(s) go along as the conversation."
        assert page.input_value("#policy") == "\n".join(EN_SCENARIO["policy"])
        assert page.input_value("#tone") == "formal" and page.input_value("#channel") == "email"

        page.fill("#draft", EN_SCENARIO["draft"])
        page.click("#rewrite")
        page.wait_for_selector("body[data-state=done]")

        (request,) = zd.zaf("requests")
        body = json.loads(request.pop("data"))
        assert request == {
            "url": f"{keyed_service}/rewrite",
            "type": "POST",
            "contentType": "application/json",
            "headers": {"Authorization": "Bearer {{setting.api_key}}"},
            "secure": True,
            "dataType": "json",
            "timeout": 190000,
        }
        assert body == {
            "customer_message": LAST.replace("<br>", "\n"),
            "draft": EN_SCENARIO["draft"],
            "policy": EN_SCENARIO["policy"],
            "channel": "email",
            "options": {"tone": "formal"},
            "history": [
                {"role": "customer", "text": "My internet has been down since Monday."},
                {"role": "agent", "text": "We are looking into it.\nThanks for your patience."},
            ],
            "customer": {"name": "Jordan"},
            "agent": {"name": "Priya"},
        }
        assert zd.proxied[0]["headers"]["Authorization"] == f"Bearer {KEY}", "the proxy filled in the secure key"
        assert KEY not in page.content() and KEY not in json.dumps(zd.zaf("requests")), "the key never reaches the page"

        answer = httpx.post(f"{keyed_service}/rewrite", json=body, headers={"Authorization": f"Bearer {KEY}"},
                            timeout=30).json()  # fmt: skip
        reply = page.input_value("#reply")
        assert reply == answer["reply"] and reply.startswith("Dear Jordan,") and not answer["degraded"]
        assert page.inner_text("#emotion") == "Customer feels: frustration (4/5)"
        assert page.locator("#plan li").count() == len(answer["plan"]) >= 1
        assert page.is_hidden("#degraded")
        screenshot(page, "zendesk-sidebar")

        page.click("#insert")
        page.wait_for_selector("#inserted:has-text('Inserted')")
        inserted = [call for call in zd.zaf("invoked") if call[0] == "ticket.editor.insert"]
        assert inserted == [["ticket.editor.insert", html.escape(reply, quote=False).replace("\n", "<br>")]]
        assert any(call[0] == "resize" for call in zd.zaf("invoked"))
    finally:
        zd.close()


def test_chinese_agent_plain_editor_and_a_refused_key(browser: Any, keyed_service: str, app_host: str) -> None:
    ticket = {
        "ticket.comments": [
            _comment(1, f"<p>{ZH_SCENARIO['customer_message']}</p>", "end-user", "2026-12-01T08:00:00Z")],
        "ticket.requester.name": "李先生",
        "ticket.via.channel": "chat",
        "currentUser.name": "小王",
        "currentUser.locale": "zh-cn",
        "ticket.editor.capabilities": {"richText": False},
    }  # fmt: skip
    settings = {"tactful_url": keyed_service, "policy": "\n".join(ZH_SCENARIO["policy"])}
    zd = Zendesk(browser, app_host, ticket, settings, {"api_key": "tk-wrong-000000000000"}, locale="zh-CN")
    try:
        page = zd.page
        page.wait_for_selector("body[data-state=ready]")
        assert page.inner_text("label[for=draft]") == "您的草稿"
        assert page.inner_text("#status") == "已从工单读取客户消息 1 条"
        assert page.input_value("#channel") == "chat"
        page.fill("#draft", ZH_SCENARIO["draft"])
        page.click("#rewrite")
        page.wait_for_selector("body[data-state=failed]")
        assert page.inner_text("#error") == "Tactful 拒绝了本应用设置中的 API 密钥。"
        assert page.input_value("#draft") == ZH_SCENARIO["draft"], "the draft is kept"

        zd.secure["api_key"] = KEY  # the admin fixes the setting
        page.click("#rewrite")
        page.wait_for_selector("body[data-state=done]")
        reply = page.input_value("#reply")
        assert reply.startswith("李先生") and page.inner_text("#emotion").startswith("客户情绪：烦躁")
        page.click("#insert")
        page.wait_for_selector("#inserted:has-text('已插入')")
        assert ["ticket.editor.insert", reply] in zd.zaf("invoked"), "a plain-text editor gets the text as is"
    finally:
        zd.close()
