"""API keys: Bearer or X-API-Key, scopes, loopback-only without keys, never a key in a log or an error."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.api._auth import Authenticator
from service.api.main import create_app
from service.errors import ConfigError, Unauthorized
from service.llm import FakeGenerator
from service.settings import Settings
from tests.api.conftest import zh_body
from tests.chain.conftest import ZH_OUTPUTS

PROBLEM = "application/problem+json"
AGENT_KEY = "tk-agent-2f9c1d7e5b3a4c6d"
OPS_KEY = "tk-ops-8e7d6c5b4a392817"


def _keyed(tmp_path: Path, **over: object) -> Settings:
    keys = {
        "agents": AGENT_KEY,
        "ops": {"key": "sha256:" + hashlib.sha256(OPS_KEY.encode()).hexdigest(), "scopes": ["admin"]},
        "reader": {"key": "tk-reader-0000000000000", "scopes": ["feedback"]},
    }
    return Settings(model="openai/test-model", home=tmp_path, api_keys=keys, **over)  # type: ignore[arg-type]


@pytest.fixture
def keyed(tmp_path: Path) -> Iterator[TestClient]:
    fake = FakeGenerator({k: list(v) * 3 for k, v in ZH_OUTPUTS.items()})
    with TestClient(create_app(_keyed(tmp_path), generate=fake)) as c:
        yield c


def test_a_missing_or_wrong_key_is_a_401_problem(keyed: TestClient) -> None:
    for headers in ({}, {"Authorization": "Bearer nope-nope-nope-nope"}, {"X-API-Key": "x"},
                    {"Authorization": "Basic " + AGENT_KEY}):
        resp = keyed.post("/rewrite", json=zh_body(), headers=headers)
        assert resp.status_code == 401, headers
        assert resp.headers["content-type"].startswith(PROBLEM)
        assert resp.headers["www-authenticate"].startswith("Bearer")
        body = resp.json()
        assert body["title"] == "Unauthorized" and body["request_id"] == resp.headers["x-request-id"]
        assert AGENT_KEY not in resp.text


def test_bearer_or_x_api_key_with_the_right_scope(keyed: TestClient) -> None:
    assert keyed.post("/rewrite", json=zh_body(), headers={"Authorization": f"Bearer {AGENT_KEY}"}).status_code == 200
    assert keyed.post("/rewrite", json=zh_body(), headers={"X-API-Key": AGENT_KEY}).status_code == 200
    denied = keyed.post("/rewrite", json=zh_body(), headers={"X-API-Key": OPS_KEY})
    assert denied.status_code == 403 and "'rewrite' scope" in denied.json()["detail"]
    assert keyed.get("/metrics", headers={"X-API-Key": AGENT_KEY}).status_code == 403
    assert keyed.get("/metrics", headers={"X-API-Key": OPS_KEY}).status_code == 200  # a sha256: key works
    assert keyed.get("/metrics").status_code == 401


def test_health_docs_and_the_page_stay_open(keyed: TestClient) -> None:
    assert keyed.get("/healthz").status_code == 200
    assert keyed.get("/readyz").status_code in (200, 503)
    assert keyed.get("/").status_code == 200
    assert keyed.get("/docs").status_code == 200
    assert keyed.get("/openapi.json").status_code == 200


def test_keys_never_reach_the_logs(keyed: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        keyed.post("/rewrite", json=zh_body(), headers={"X-API-Key": AGENT_KEY})
        keyed.post("/rewrite", json=zh_body(), headers={"X-API-Key": AGENT_KEY + "x"})
    access = [r for r in caplog.records if r.name == "tactful.access"]
    assert [getattr(r, "key", None) for r in access] == ["agents", None]
    assert all(AGENT_KEY not in r.getMessage() and AGENT_KEY not in str(r.__dict__) for r in caplog.records)


def test_keys_are_not_in_the_settings_repr(tmp_path: Path) -> None:
    settings = _keyed(tmp_path)
    assert AGENT_KEY not in repr(settings) and AGENT_KEY not in str(settings.model_dump())


def test_without_keys_the_service_is_open_on_loopback_only(tmp_path: Path) -> None:
    open_settings = Settings(model="openai/m", home=tmp_path)
    auth = Authenticator(open_settings)
    assert auth.identify(None, "127.0.0.1").name == "anonymous"
    assert auth.identify(None, "testserver").name == "anonymous"  # test transports have no address
    with pytest.raises(Unauthorized, match="not on a loopback address"):
        auth.identify(None, "10.1.2.3")
    assert Authenticator(open_settings.model_copy(update={"allow_anonymous": True})).identify(None, "10.1.2.3")


def test_refuses_to_start_on_a_public_address_without_keys(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"refusing to listen on 0\.0\.0\.0"):
        create_app(Settings(model="openai/m", home=tmp_path, host="0.0.0.0"))
    create_app(Settings(model="openai/m", home=tmp_path, host="0.0.0.0", allow_anonymous=True))
    create_app(_keyed(tmp_path, host="0.0.0.0"))
    create_app(Settings(model="openai/m", home=tmp_path, host="::1"))


def test_serve_refuses_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from service.cli import main
    from service.settings import get_settings

    monkeypatch.setenv("TACTFUL_HOME", str(tmp_path))
    monkeypatch.setenv("TACTFUL_MODEL", "openai/m")
    get_settings.cache_clear()
    try:
        assert main(["serve", "--host", "0.0.0.0"]) == 2
    finally:
        get_settings.cache_clear()
    assert "TACTFUL_API_KEYS" in capsys.readouterr().err


def test_bad_key_settings_fail_at_start() -> None:
    with pytest.raises(ValueError, match="16 characters"):
        Settings(api_keys={"a": "short"})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="64 hex"):
        Settings(api_keys={"a": "sha256:abc"})  # type: ignore[dict-item]
    with pytest.raises(ValueError):
        Settings(api_keys={"a": {"key": AGENT_KEY, "scopes": ["root"]}})  # type: ignore[dict-item]
