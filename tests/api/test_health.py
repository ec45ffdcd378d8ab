from __future__ import annotations

import httpx
import respx
from fastapi.testclient import TestClient

from service.api.main import create_app
from service.llm import FakeGenerator
from service.settings import Settings


def test_healthz(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_readyz_probes_the_model_endpoint(tmp_path: object) -> None:
    settings = Settings(model="openai/m", api_base="http://model.test/v1", home=tmp_path)
    route = respx.get("http://model.test/v1/models").mock(return_value=httpx.Response(200, json={"data": []}))
    with TestClient(create_app(settings, generate=FakeGenerator())) as c:
        resp = c.get("/readyz")
    assert resp.status_code == 200 and resp.json()["status"] == "ready" and route.called


def test_readyz_is_503_when_the_model_is_unreachable(tmp_path: object) -> None:
    settings = Settings(model="openai/m", api_base="http://model.test/v1", home=tmp_path)
    respx.get("http://model.test/v1/models").mock(side_effect=httpx.ConnectError("refused"))
    with TestClient(create_app(settings, generate=FakeGenerator())) as c:
        resp = c.get("/readyz")
    assert resp.status_code == 503 and resp.json()["status"] == "unavailable"
