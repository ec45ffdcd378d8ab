"""GET / and /static/*: the chat box page, served from the package, offline and locked down."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from service.api.routes.ui import ASSETS, WEB_DIR


def test_page_is_served_with_a_strict_policy(client: TestClient) -> None:
    resp = client.get("/")
    assert resp.status_code == 200
    assert resp.headers["content-type"] == "text/html; charset=utf-8"
    csp = resp.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "connect-src 'self'" in csp
    assert resp.headers["x-content-type-options"] == "nosniff"
    html = resp.text
    assert '<script type="module" src="/static/app.js">' in html
    for field in ("customer_message", "draft", "policy", "channel", "history"):
        assert f'<label for="{field}"' in html and f'id="{field}"' in html


def test_every_file_the_page_needs_is_served_and_nothing_comes_from_elsewhere(client: TestClient) -> None:
    html = client.get("/").text
    referenced = set(re.findall(r'(?:src|href)="/static/([^"]+)"', html))
    for name in sorted(ASSETS):
        text = (WEB_DIR / name).read_text(encoding="utf-8")
        referenced |= set(re.findall(r'from "\./([^"]+)"', text))
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", text), f"{name} reaches outside"
    assert referenced <= set(ASSETS), referenced - set(ASSETS)
    for name in referenced:
        resp = client.get(f"/static/{name}")
        assert resp.status_code == 200, name
        assert resp.headers["content-type"] == ASSETS[name]
        assert resp.headers["cache-control"] == "no-cache"


def test_only_listed_files_are_served(client: TestClient) -> None:
    for name in ("index.html", "..%2Fsettings.py", "nope.js", "%2E%2E%2F%2E%2E%2Fpyproject.toml"):
        resp = client.get(f"/static/{name}")
        assert resp.status_code == 404, name
        assert resp.headers["content-type"].startswith("application/problem+json")
    assert client.get("/static/../settings.py").status_code == 404
