"""Retries with jitter that honour Retry-After, a total deadline per attempt, fallbacks, masked keys."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
import respx
from tenacity import RetryCallState

from service.errors import ContextOverflow, MalformedResponse, ModelTimeout, ModelUnavailable
from service.llm import GenerateRequest, LiteLLMGenerator, ModelTarget
from service.llm._litellm import _Wait, retry_after_s
from service.settings import Settings
from tests.llm.test_litellm import BASE, REQUEST, _completion

FALLBACK_BASE = "http://fallback.test/v1"
SECRET = "sk-live-9f8e7d6c5b4a39281706"


class _Exc(Exception):
    def __init__(self, headers: dict[str, str]) -> None:
        super().__init__("x")
        self.response = httpx.Response(429, headers=headers)


def test_retry_after_is_read_in_seconds_ms_or_as_a_date() -> None:
    assert retry_after_s(_Exc({"retry-after": "7"})) == 7.0
    assert retry_after_s(_Exc({"retry-after-ms": "1500"})) == 1.5
    assert 0 <= (retry_after_s(_Exc({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"})) or 0) < 1  # past: 0
    assert retry_after_s(_Exc({})) is None
    assert retry_after_s(_Exc({"retry-after": "soon"})) is None
    assert retry_after_s(ValueError("no response")) is None


def _state(attempt: int, exc: BaseException) -> RetryCallState:
    state = RetryCallState(retry_object=None, fn=None, args=(), kwargs={})  # type: ignore[arg-type]
    state.attempt_number = attempt
    state.set_exception((type(exc), exc, None))
    return state


def test_waits_are_jittered_bounded_and_never_shorter_than_retry_after() -> None:
    wait = _Wait(backoff_s=0.5, max_wait_s=20)
    plain = [wait(_state(3, ValueError("x"))) for _ in range(200)]
    assert all(0 <= w <= 2.0 for w in plain) and len(set(plain)) > 100, "full jitter up to 0.5 * 2**2"
    asked = [wait(_state(1, _Exc({"retry-after": "3"}))) for _ in range(50)]
    assert all(w >= 3 for w in asked)
    assert wait(_state(1, _Exc({"retry-after": "600"}))) == 20, "capped"


@pytest.mark.usefixtures("allow_model_requests")
async def test_a_retry_after_above_the_cap_is_not_retried() -> None:
    route = respx.post(f"{BASE}/chat/completions").mock(
        return_value=httpx.Response(429, headers={"retry-after": "3600"}, json={"error": {"message": "quota"}})
    )
    with pytest.raises(ModelUnavailable):
        await LiteLLMGenerator(retries=3, backoff_s=0, max_wait_s=5)(REQUEST)
    assert route.call_count == 1


@pytest.mark.usefixtures("allow_model_requests")
async def test_a_short_retry_after_is_waited_for_then_retried() -> None:
    route = respx.post(f"{BASE}/chat/completions").mock(
        side_effect=[
            httpx.Response(429, headers={"retry-after": "0.3"}, json={"error": {"message": "slow down"}}),
            httpx.Response(200, json=_completion('{"a": 1}')),
        ]
    )
    started = asyncio.get_running_loop().time()
    result = await LiteLLMGenerator(retries=1, backoff_s=0)(REQUEST)
    assert result.attempts == 2 and route.call_count == 2
    assert asyncio.get_running_loop().time() - started >= 0.3


@pytest.mark.usefixtures("allow_model_requests")
async def test_an_attempt_has_a_total_deadline() -> None:
    async def trickle(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(5)
        return httpx.Response(200, json=_completion('{"a": 1}'))

    respx.post(f"{BASE}/chat/completions").mock(side_effect=trickle)
    request = GenerateRequest(**{**REQUEST.__dict__, "timeout_s": 0.3})
    started = asyncio.get_running_loop().time()
    with pytest.raises(ModelTimeout, match=r"within 0\.3 s") as info:
        await LiteLLMGenerator(retries=1, backoff_s=0)(request)
    assert info.value.kind == "model_timeout" and info.value.attempts == 2
    assert asyncio.get_running_loop().time() - started < 2.5


@pytest.mark.usefixtures("allow_model_requests")
async def test_falls_back_in_order_when_the_model_stays_unavailable() -> None:
    primary = respx.post(f"{BASE}/chat/completions").mock(
        return_value=httpx.Response(503, json={"error": {"message": "down"}})
    )
    fallback = respx.post(f"{FALLBACK_BASE}/chat/completions").mock(
        return_value=httpx.Response(200, json=_completion('{"a": 3}'))
    )
    settings = Settings(_env_file=None, retries=1, retry_backoff_s=0,
                        fallback_models=[{"model": "openai/backup", "api_base": FALLBACK_BASE, "api_key": SECRET}])
    generate = LiteLLMGenerator.from_settings(settings)
    result = await generate(REQUEST)
    assert result.text == '{"a": 3}' and result.model == "openai/backup"
    assert primary.call_count == 2 and fallback.call_count == 1 and result.attempts == 3
    assert fallback.calls.last.request.headers["authorization"] == f"Bearer {SECRET}"
    assert SECRET not in repr(generate) and SECRET not in repr(generate.fallbacks)


@pytest.mark.usefixtures("allow_model_requests")
async def test_client_errors_do_not_fall_back() -> None:
    respx.post(f"{BASE}/chat/completions").mock(return_value=httpx.Response(401, json={"error": {"message": "no"}}))
    fallback = respx.post(f"{FALLBACK_BASE}/chat/completions").mock(
        return_value=httpx.Response(200, json=_completion('{"a": 3}'))
    )
    generate = LiteLLMGenerator(retries=0, fallbacks=[ModelTarget(model="openai/b", api_base=FALLBACK_BASE)])
    with pytest.raises(Exception):  # noqa: B017 - any ModelError; the point is the fallback is not called
        await generate(REQUEST)
    assert not fallback.called


@pytest.mark.usefixtures("allow_model_requests")
@pytest.mark.parametrize(
    "body",
    [
        {"error": {"message": "This model's maximum context length is 4096 tokens", "code": "context_length_exceeded"}},
        {"error": {"code": 400, "message": "the request exceeds the available context size, try increasing it",
                   "type": "exceed_context_size_error"}},
    ],
)
async def test_context_overflow_is_named(body: dict[str, Any]) -> None:
    respx.post(f"{BASE}/chat/completions").mock(return_value=httpx.Response(400, json=body))
    with pytest.raises(ContextOverflow) as info:
        await LiteLLMGenerator(retries=2, backoff_s=0)(REQUEST)
    assert info.value.kind == "context_overflow" and info.value.attempts == 1


@pytest.mark.usefixtures("allow_model_requests")
@pytest.mark.parametrize("answer", [{"choices": []}, {"object": "chat.completion", "choices": [{"index": 0}]}])
async def test_a_malformed_answer_is_a_model_error(answer: dict[str, Any]) -> None:
    respx.post(f"{BASE}/chat/completions").mock(return_value=httpx.Response(200, json=answer))
    with pytest.raises((MalformedResponse, ModelUnavailable)):
        await LiteLLMGenerator(retries=0)(REQUEST)


@pytest.mark.usefixtures("allow_model_requests")
async def test_the_key_never_shows_in_reprs_or_errors() -> None:
    target = ModelTarget(model="openai/test-model", api_base=BASE, api_key=SECRET)
    assert SECRET not in repr(target)
    respx.post(f"{BASE}/chat/completions").mock(
        return_value=httpx.Response(401, json={"error": {"message": f"Incorrect API key provided: {SECRET}"}})
    )
    with pytest.raises(Exception) as info:
        await LiteLLMGenerator(retries=0)(GenerateRequest(**{**REQUEST.__dict__, "target": target}))
    assert SECRET not in str(info.value) and SECRET not in (getattr(info.value, "body", "") or "")
    assert "***" in (getattr(info.value, "body", "") or "")
