"""The litellm generator against a respx-mocked OpenAI-compatible endpoint (no network)."""

from __future__ import annotations

import json

import httpx
import pytest
import respx

from service.errors import ModelCallsForbidden, ModelError, ModelUnavailable
from service.llm import GenerateRequest, LiteLLMGenerator, ModelTarget

BASE = "http://llm.test/v1"
TARGET = ModelTarget(model="openai/test-model", api_base=BASE, api_key="sk-test")
REQUEST = GenerateRequest(
    target=TARGET,
    messages=[{"role": "user", "content": "hi"}],
    schema={"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"]},
    schema_name="tiny",
    timeout_s=5,
)


def _completion(content: str) -> dict[str, object]:
    return {
        "id": "c1",
        "object": "chat.completion",
        "created": 1,
        "model": "test-model",
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
        ],
        "usage": {"prompt_tokens": 11, "completion_tokens": 3, "total_tokens": 14},
    }


@pytest.mark.usefixtures("allow_model_requests")
async def test_sends_json_schema_and_reads_usage() -> None:
    route = respx.post(f"{BASE}/chat/completions").mock(
        return_value=httpx.Response(200, json=_completion('{"a": 1}'))
    )
    result = await LiteLLMGenerator(retries=0)(REQUEST)
    assert result.text == '{"a": 1}'
    assert (result.prompt_tokens, result.completion_tokens, result.attempts) == (11, 3, 1)
    sent = json.loads(route.calls.last.request.content)
    assert sent["response_format"]["type"] == "json_schema"
    assert sent["response_format"]["json_schema"]["name"] == "tiny"
    assert sent["response_format"]["json_schema"]["schema"]["required"] == ["a"]
    assert route.calls.last.request.headers["authorization"] == "Bearer sk-test"


@pytest.mark.usefixtures("allow_model_requests")
async def test_retries_transient_errors_then_succeeds() -> None:
    route = respx.post(f"{BASE}/chat/completions").mock(
        side_effect=[
            httpx.Response(503, json={"error": {"message": "overloaded"}}),
            httpx.Response(429, json={"error": {"message": "slow down"}}),
            httpx.Response(200, json=_completion('{"a": 2}')),
        ]
    )
    result = await LiteLLMGenerator(retries=2, backoff_s=0)(REQUEST)
    assert result.attempts == 3 and route.call_count == 3


@pytest.mark.usefixtures("allow_model_requests")
async def test_gives_up_after_retries_with_status_body_attempts() -> None:
    route = respx.post(f"{BASE}/chat/completions").mock(
        return_value=httpx.Response(500, json={"error": {"message": "boom"}})
    )
    with pytest.raises(ModelUnavailable) as info:
        await LiteLLMGenerator(retries=1, backoff_s=0)(REQUEST)
    assert route.call_count == 2  # litellm's own retries are off: exactly retries + 1 calls
    assert info.value.status == 500 and info.value.attempts == 2 and "boom" in (info.value.body or "")


@pytest.mark.usefixtures("allow_model_requests")
async def test_client_errors_are_not_retried() -> None:
    route = respx.post(f"{BASE}/chat/completions").mock(
        return_value=httpx.Response(401, json={"error": {"message": "bad key"}})
    )
    with pytest.raises(ModelError) as info:
        await LiteLLMGenerator(retries=3, backoff_s=0)(REQUEST)
    assert route.call_count == 1 and info.value.status == 401


@pytest.mark.usefixtures("allow_model_requests")
async def test_connection_refused_is_unavailable() -> None:
    respx.post(f"{BASE}/chat/completions").mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(ModelUnavailable):
        await LiteLLMGenerator(retries=0)(REQUEST)


async def test_switch_forbids_real_calls_by_default_in_tests() -> None:
    with pytest.raises(ModelCallsForbidden):
        await LiteLLMGenerator()(REQUEST)


@pytest.mark.usefixtures("allow_model_requests")
async def test_llama_cpp_targets_get_a_compact_grammar_instead_of_response_format() -> None:
    route = respx.post(f"{BASE}/chat/completions").mock(
        return_value=httpx.Response(200, json=_completion('{"a":1}'))
    )
    target = ModelTarget(model="openai/embedded", api_base=BASE, api_key="sk-local", constrain="llguidance")
    from dataclasses import replace

    await LiteLLMGenerator(retries=0)(replace(REQUEST, target=target))
    sent = json.loads(route.calls.last.request.content)
    assert "response_format" not in sent
    assert sent["grammar"].startswith("%llguidance {}\nstart: %json ")
    grammar_schema = json.loads(sent["grammar"].split("%json ", 1)[1])
    assert grammar_schema["x-guidance"]["whitespace_flexible"] is False
    assert grammar_schema["required"] == ["a"]


@pytest.mark.usefixtures("allow_model_requests")
async def test_streamed_answer_feeds_partials_and_reads_usage() -> None:
    chunks = [
        {"choices": [{"index": 0, "delta": {"role": "assistant", "content": '{"a"'}}]},
        {"choices": [{"index": 0, "delta": {"content": ": 7}"}, "finish_reason": "stop"}]},
        {"choices": [], "usage": {"prompt_tokens": 9, "completion_tokens": 4, "total_tokens": 13}},
    ]
    base = {"id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "test-model"}
    body = "".join(f"data: {json.dumps({**base, **c})}\n\n" for c in chunks) + "data: [DONE]\n\n"
    route = respx.post(f"{BASE}/chat/completions").mock(
        return_value=httpx.Response(200, text=body, headers={"content-type": "text/event-stream"})
    )
    seen: list[str] = []

    async def on_partial(text: str) -> None:
        seen.append(text)

    from dataclasses import replace

    result = await LiteLLMGenerator(retries=0)(replace(REQUEST, on_partial=on_partial))
    assert result.text == '{"a": 7}' and seen[0] == '{"a"' and seen[-1] == '{"a": 7}'
    assert (result.prompt_tokens, result.completion_tokens) == (9, 4)
    assert json.loads(route.calls.last.request.content)["stream"] is True
