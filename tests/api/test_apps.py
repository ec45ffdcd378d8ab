"""GET /apps/chatwoot: the helpdesk app page, locked down like the chat box but frameable by a setting."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from service.api.main import create_app
from service.api.routes.ui import ASSETS
from service.llm import FakeGenerator
from service.settings import Settings


def _policy(headers: Mapping[str, str]) -> dict[str, str]:
    csp = headers["content-security-policy"]
    return {part.split(" ", 1)[0]: part.split(" ", 1)[1] for part in (p.strip() for p in csp.split(";"))}


def test_the_app_page_may_be_framed_by_this_origin_only_by_default(client: TestClient) -> None:
    resp = client.get("/apps/chatwoot")
    assert resp.status_code == 200 and resp.headers["content-type"] == "text/html; charset=utf-8"
    policy = _policy(resp.headers)
    assert policy["frame-ancestors"] == "'self'"
    assert policy["default-src"] == "'none'" and policy["script-src"] == "'self'" and policy["connect-src"] == "'self'"
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert _policy(client.get("/").headers)["frame-ancestors"] == "'none'", "the chat box is never framed"


def test_the_helpdesk_origin_comes_from_the_setting(tmp_path: Path, fake: FakeGenerator) -> None:
    sources = "'self'   https://chat.example.com https://*.helpdesk.example:8443"
    settings = Settings(model="openai/test-model", home=tmp_path, frame_ancestors=sources)
    with TestClient(create_app(settings, generate=fake)) as c:
        policy = _policy(c.get("/apps/chatwoot").headers)
        assert policy["frame-ancestors"] == "'self' https://chat.example.com https://*.helpdesk.example:8443"
        assert _policy(c.get("/").headers)["frame-ancestors"] == "'none'"


@pytest.mark.parametrize(
    "value",
    ["", "*", "https://chat.example.com; script-src *", "'none' https://chat.example.com", "javascript:",
     "https://chat.example.com/path?x", "'unsafe-inline'"],
)  # fmt: skip
def test_a_frame_ancestors_value_that_is_not_a_plain_source_list_is_refused(value: str) -> None:
    with pytest.raises(ValidationError, match="frame_ancestors"):
        Settings(frame_ancestors=value)


def test_the_app_page_loads_only_listed_files_without_inline_code(client: TestClient) -> None:
    html = client.get("/apps/chatwoot").text
    assert "<script>" not in html and " style=" not in html
    assert not re.search(r"\son[a-z]+=", html), "no inline handlers (the policy would block them)"
    referenced = set(re.findall(r'(?:src|href)="/static/([^"]+)"', html))
    assert {"chatwoot.js", "apps.css", "app.css"} <= referenced <= set(ASSETS)
    for name in referenced:
        assert client.get(f"/static/{name}").status_code == 200, name
    for field in ("customer_message", "draft", "policy", "channel", "tone", "reply", "copy", "key-dialog"):
        assert f'id="{field}"' in html
