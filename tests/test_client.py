"""service.client: typed answers from a running service, and its errors as the repo's own exceptions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import respx
from fastapi.testclient import TestClient

from service.api.main import create_app
from service.client import AsyncTactful, Tactful, build_request, request_body
from service.errors import Forbidden, InputError, InputTooLarge, Overloaded, ServiceError, Unauthorized
from service.llm import FakeGenerator
from service.schemas import RewriteRequest, RewriteResponse
from service.settings import Settings
from tests.api.conftest import zh_body
from tests.chain.conftest import ZH_OUTPUTS

KEY = "tk-client-test-1234567890ab"
OPS = "tk-client-ops-1234567890abcd"
URL = "http://testserver"


def _app(tmp_path: Path, **over: object) -> object:
    fake = FakeGenerator({k: list(v) * 4 for k, v in ZH_OUTPUTS.items()})
    keys = {"agent": KEY, "ops": {"key": OPS, "scopes": ["admin"]}}
    settings = Settings(model="openai/m", home=tmp_path, api_keys=keys, max_input_chars=500, **over)  # type: ignore[arg-type]
    return create_app(settings, generate=fake)


@pytest.fixture
def http(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(_app(tmp_path)) as c:  # type: ignore[arg-type]
        yield c


def test_rewrite_returns_the_typed_response(http: TestClient) -> None:
    with Tactful(URL, KEY, http_client=http) as tactful:
        answer = tactful.rewrite(zh_body())
        by_fields = tactful.rewrite(**zh_body(profile="bank-zh"))
    assert isinstance(answer, RewriteResponse) and not answer.degraded
    assert answer.reply == ZH_OUTPUTS["compose"][0]["reply"] and answer.id is not None
    assert [t.prompt for t in by_fields.trace if t.step == "profile"] == ["bank-zh@1"]


def test_errors_are_the_repo_types(http: TestClient) -> None:
    with pytest.raises(Unauthorized, match="401"):
        Tactful(URL, "tk-wrong-wrong-wrong-wrong", http_client=http).rewrite(zh_body())
    with pytest.raises(Forbidden, match="'rewrite' scope"):
        Tactful(URL, OPS, http_client=http).rewrite(zh_body())
    tactful = Tactful(URL, KEY, http_client=http)
    with pytest.raises(InputTooLarge, match="limit is 500"):
        tactful.rewrite(zh_body(customer_message="很" * 600))
    with pytest.raises(InputError) as unknown:
        tactful.rewrite(zh_body(profile="nope"))
    assert unknown.value.field == "profile" and "422" in unknown.value.detail


def test_a_bad_request_fails_before_the_network() -> None:
    with pytest.raises(InputError) as info:
        Tactful(URL, KEY, http_client=httpx.Client(transport=httpx.MockTransport(lambda r: 1 / 0))).rewrite(
            zh_body(channel="fax")
        )
    assert info.value.field == "channel"


def test_only_the_fields_set_are_sent() -> None:
    request = build_request({"draft": "x", "customer_message": "y"}, options={"tone": "formal"})
    assert request_body(request) == {"draft": "x", "customer_message": "y", "options": {"tone": "formal"}}
    assert build_request(request) is request
    assert request_body(build_request(RewriteRequest(draft="a", customer_message="b"), channel="sms")) == {
        "draft": "a", "customer_message": "b", "channel": "sms"
    }


async def test_the_async_client_and_429_with_retry_after(tmp_path: Path) -> None:
    app = _app(tmp_path, rate_per_key=1, rate_burst=1)
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with (
        app.router.lifespan_context(app),  # type: ignore[attr-defined]
        httpx.AsyncClient(transport=transport) as http,
        AsyncTactful("http://tactful.test", KEY, http_client=http) as tactful,
    ):
        first = await tactful.rewrite(zh_body())
        with pytest.raises(Overloaded) as limited:
            await tactful.rewrite(zh_body())
    assert not first.degraded
    assert limited.value.status == 429 and limited.value.retry_after >= 50


@respx.mock
def test_no_answer_a_5xx_or_a_wrong_body_is_a_service_error() -> None:
    route = respx.post("http://svc.test/rewrite")
    route.side_effect = [
        httpx.ConnectError("connection refused"),
        httpx.Response(500, json={"title": "Internal error", "status": 500, "detail": "logged"},
                       headers={"content-type": "application/problem+json"}),
        httpx.Response(200, json={"nope": 1}),
        httpx.Response(418, text="teapot"),
    ]  # fmt: skip
    tactful = Tactful("http://svc.test/", KEY)
    for match in ("failed: connection refused", "answered 500: logged", "invalid body", "answered 418: teapot"):
        with pytest.raises(ServiceError, match=match):
            tactful.rewrite(zh_body())
    assert route.calls[0].request.headers["authorization"] == f"Bearer {KEY}"
