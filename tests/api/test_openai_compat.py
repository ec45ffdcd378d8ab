"""/v1/chat/completions and /v1/models driven by the official ``openai`` client, over ASGI, on the fake model."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from fastapi import FastAPI

from service.api._openai import ChatCompletionRequest, to_rewrite_request
from service.api.main import create_app
from service.errors import InputError, ModelUnavailable
from service.llm import FakeGenerator
from service.schemas import RewriteOptions, RewriteResponse
from service.settings import Settings
from tests.api.conftest import zh_body
from tests.chain.conftest import ZH_OUTPUTS

KEY = "tk-helpdesk-5d1c9e7a3b2f4e6d"
BODY = zh_body()


@asynccontextmanager
async def openai_client(app: FastAPI, api_key: str = "unused") -> AsyncIterator[openai.AsyncOpenAI]:
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport) as http:
        yield openai.AsyncOpenAI(base_url="http://tactful.test/v1", api_key=api_key, http_client=http, max_retries=0)


def messages(draft: str = BODY["draft"]) -> list[dict[str, Any]]:
    return [
        {"role": "system", "content": "You rewrite support replies. Make it friendlier."},
        {"role": "user", "content": BODY["customer_message"]},
        {"role": "user", "content": draft},
    ]


def tactful(**over: Any) -> dict[str, Any]:
    return {"tactful": {"policy": BODY["policy"], **over}}


def _fake() -> FakeGenerator:
    return FakeGenerator({k: list(v) * 3 for k, v in ZH_OUTPUTS.items()})


async def test_a_completion_carries_the_rewritten_reply_and_the_analysis(api_settings: Settings) -> None:
    fake = _fake()
    async with openai_client(create_app(api_settings, generate=fake)) as client:
        completion = await client.chat.completions.create(
            model="tactful", messages=messages(), extra_body=tactful()  # type: ignore[arg-type]
        )
    assert completion.object == "chat.completion" and completion.model == "tactful"
    assert completion.id.startswith("chatcmpl-")
    choice = completion.choices[0]
    assert choice.finish_reason == "stop" and choice.message.role == "assistant"
    assert choice.message.content == ZH_OUTPUTS["compose"][0]["reply"]
    extra = RewriteResponse.model_validate((completion.model_extra or {})["tactful"])
    assert not extra.degraded and extra.reply == choice.message.content
    assert extra.emotion is not None and extra.emotion.label == "frustration"
    assert extra.plan and extra.checks and extra.id is not None and extra.id.startswith("rw_")
    assert completion.usage is not None and completion.usage.total_tokens == extra.usage.total_tokens > 0
    # the chain saw the mapped case: the customer's turn, the draft, the policy; not the tool's system text
    prompt = "\n".join(m["content"] for call in fake.calls for m in call.messages)
    assert "你们到底管不管" in prompt and BODY["draft"] in prompt and BODY["policy"][1] in prompt
    assert "Make it friendlier" not in prompt


async def test_the_same_case_gives_the_same_reply_as_rewrite(api_settings: Settings) -> None:
    app = create_app(api_settings, generate=_fake())
    async with openai_client(app) as client:
        completion = await client.chat.completions.create(
            model="gpt-4o-mini", messages=messages(), extra_body=tactful()  # type: ignore[arg-type]
        )
        plain = await client._client.post("http://tactful.test/rewrite", json=BODY)
    assert completion.model == "gpt-4o-mini", "any model name is accepted and echoed"
    assert completion.choices[0].message.content == plain.json()["reply"]


async def test_a_stream_is_chunks_then_done(api_settings: Settings) -> None:
    async with openai_client(create_app(api_settings, generate=_fake())) as client:
        stream = await client.chat.completions.create(
            model="tactful",
            messages=messages(),  # type: ignore[arg-type]
            stream=True,
            stream_options={"include_usage": True},
            extra_body=tactful(),
        )
        chunks = [c async for c in stream]
    assert all(c.object == "chat.completion.chunk" for c in chunks)
    assert len({c.id for c in chunks}) == 1
    assert chunks[0].choices[0].delta.role == "assistant"
    content = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert content == ZH_OUTPUTS["compose"][0]["reply"]
    finishing = [c for c in chunks if c.choices and c.choices[0].finish_reason == "stop"]
    assert len(finishing) == 1
    extra = RewriteResponse.model_validate((finishing[0].model_extra or {})["tactful"])
    assert extra.reply == content and not extra.degraded and extra.emotion is not None
    assert chunks[-1].choices == [] and chunks[-1].usage is not None
    assert chunks[-1].usage.total_tokens == extra.usage.total_tokens


async def test_the_raw_stream_ends_with_done(api_settings: Settings) -> None:
    app = create_app(api_settings, generate=_fake())
    body = {"model": "tactful", "messages": messages(), "stream": True, **tactful()}
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        resp = await c.post("/v1/chat/completions", json=body)
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/event-stream")
    blocks = [b for b in resp.text.split("\n\n") if b]
    assert blocks[-1] == "data: [DONE]"
    assert all(b.startswith("data: ") or b.startswith(":") for b in blocks)


async def test_models_lists_tactful_and_one_model_per_profile(api_settings: Settings) -> None:
    async with openai_client(create_app(api_settings, generate=_fake())) as client:
        models = [m async for m in client.models.list()]
    assert [m.id for m in models] == ["tactful", "tactful:bank-zh", "tactful:retail-en"]
    assert models[0].owned_by == "tactful"


async def test_a_model_failure_answers_the_draft_degraded(api_settings: Settings) -> None:
    fake = FakeGenerator({"read": [ModelUnavailable("connection refused", model="m", attempts=3)]})
    async with openai_client(create_app(api_settings, generate=fake)) as client:
        completion = await client.chat.completions.create(
            model="tactful", messages=messages(), extra_body=tactful()  # type: ignore[arg-type]
        )
    assert completion.choices[0].message.content == BODY["draft"]
    extra = (completion.model_extra or {})["tactful"]
    assert extra["degraded"] is True and extra["degraded_reason"] == "model_unavailable"
    assert extra["emotion"]["label"] == "frustration", "the keyword estimate still helps the agent"


async def test_a_degraded_stream_still_sends_the_draft(api_settings: Settings) -> None:
    fake = FakeGenerator({"read": [ModelUnavailable("connection refused", model="m", attempts=3)]})
    async with openai_client(create_app(api_settings, generate=fake)) as client:
        stream = await client.chat.completions.create(
            model="tactful", messages=messages(), stream=True, extra_body=tactful()  # type: ignore[arg-type]
        )
        chunks = [c async for c in stream]
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == BODY["draft"]
    last = next(c for c in chunks if c.choices and c.choices[0].finish_reason)
    assert (last.model_extra or {})["tactful"]["degraded"] is True


def _keyed(tmp_path: Path, **over: Any) -> Settings:
    return Settings(model="openai/m", home=tmp_path, api_keys={"helpdesk": KEY}, **over)  # type: ignore[arg-type]


async def test_keys_are_checked_and_errors_use_the_openai_envelope(tmp_path: Path) -> None:
    app = create_app(_keyed(tmp_path), generate=_fake())
    async with openai_client(app, api_key="tk-wrong-0000000000000000") as client:
        with pytest.raises(openai.AuthenticationError) as denied:
            await client.chat.completions.create(model="tactful", messages=messages())  # type: ignore[arg-type]
        with pytest.raises(openai.AuthenticationError):
            await client.models.list()
    assert denied.value.status_code == 401
    assert denied.value.body == {
        "message": "this API key is not valid", "type": "authentication_error", "param": None, "code": "invalid_api_key"
    }
    assert KEY not in str(denied.value.response.text)
    async with openai_client(app, api_key=KEY) as client:
        ok = await client.chat.completions.create(
            model="tactful", messages=messages(), extra_body=tactful()  # type: ignore[arg-type]
        )
        with pytest.raises(openai.BadRequestError) as bad:
            await client.chat.completions.create(
                model="tactful", messages=[{"role": "user", "content": "only a draft"}]
            )
        with pytest.raises(openai.BadRequestError) as invalid:
            await client.chat.completions.create(
                model="tactful", messages=messages(), extra_body=tactful(channel="fax")  # type: ignore[arg-type]
            )
        with pytest.raises(openai.BadRequestError) as unknown:
            await client.chat.completions.create(
                model="tactful", messages=messages(), extra_body=tactful(surprise=1)  # type: ignore[arg-type]
            )
    assert ok.choices[0].message.content
    assert bad.value.status_code == 400 and bad.value.body["param"] == "messages"  # type: ignore[index]
    assert "customer message" in bad.value.body["message"]  # type: ignore[index]
    assert invalid.value.body["param"] == "tactful.channel"  # type: ignore[index]
    assert unknown.value.body["param"] == "tactful.surprise"  # type: ignore[index]
    assert unknown.value.body["type"] == "invalid_request_error"  # type: ignore[index]


async def test_over_its_rate_a_key_gets_429_with_retry_after(tmp_path: Path) -> None:
    app = create_app(_keyed(tmp_path, rate_per_key=1, rate_burst=1), generate=_fake())
    async with openai_client(app, api_key=KEY) as client:
        await client.chat.completions.create(
            model="tactful", messages=messages(), extra_body=tactful()  # type: ignore[arg-type]
        )
        with pytest.raises(openai.RateLimitError) as limited:
            await client.chat.completions.create(
                model="tactful", messages=messages(), stream=True, extra_body=tactful()  # type: ignore[arg-type]
            )
    assert limited.value.status_code == 429 and int(limited.value.response.headers["retry-after"]) >= 50
    assert limited.value.body["type"] == "rate_limit_error"  # type: ignore[index]


async def test_an_unknown_v1_path_is_an_openai_404(api_settings: Settings) -> None:
    async with openai_client(create_app(api_settings, generate=_fake())) as client:
        with pytest.raises(openai.NotFoundError) as missing:
            await client.embeddings.create(model="tactful", input="x")
    assert missing.value.body["code"] == "not_found"  # type: ignore[index]


def test_the_mapping_of_turns_and_fields() -> None:
    chat = ChatCompletionRequest.model_validate({
        "messages": [
            {"role": "system", "content": "be nice"},
            {"role": "user", "content": "My parcel is late."},
            {"role": "assistant", "content": "It left the depot today."},
            {"role": "user", "content": "It is still not here."},
            {"role": "user", "content": [{"type": "text", "text": "And I need it by Friday."}]},
            {"role": "user", "content": "We are looking into it."},
        ],
        "metadata": {"policy": '["Parcels arrive within 3 working days."]', "channel": "email", "other_tool": "x"},
        "tactful": {"locale": "en-GB", "policy": ["Late parcels can be traced by the courier within 1 day."]},
    })
    req = to_rewrite_request(chat)
    assert req.draft == "We are looking into it."
    assert req.customer_message == "It is still not here.\nAnd I need it by Friday."
    assert [(t.role, t.text) for t in req.history] == [
        ("customer", "My parcel is late."), ("agent", "It left the depot today.")
    ]
    assert req.policy == [
        "Parcels arrive within 3 working days.", "Late parcels can be traced by the courier within 1 day."
    ]
    assert req.channel == "email" and req.locale == "en"
    assert chat.tactful is not None
    options = chat.tactful.model_copy(update={"options": RewriteOptions(max_length=300)})
    with_options = chat.model_copy(update={"tactful": options})
    assert to_rewrite_request(with_options).options.model_fields_set == {"max_length"}, "tone, greeting: profile's"
    explicit = chat.model_copy(update={"tactful": chat.tactful.model_copy(update={"customer_message": "Where?"})})
    req = to_rewrite_request(explicit)
    assert req.customer_message == "Where?" and len(req.history) == 4


def test_the_last_message_must_be_the_draft() -> None:
    chat = ChatCompletionRequest.model_validate(
        {"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}
    )
    with pytest.raises(InputError) as info:
        to_rewrite_request(chat)
    assert info.value.field == "messages" and "draft" in info.value.detail


async def test_a_profile_by_model_name_or_extension(api_settings: Settings) -> None:
    async with openai_client(create_app(api_settings, generate=_fake())) as client:
        by_model = await client.chat.completions.create(
            model="tactful:bank-zh", messages=messages(), extra_body=tactful()  # type: ignore[arg-type]
        )
        by_field = await client.chat.completions.create(
            model="tactful", messages=messages(), extra_body=tactful(profile="bank-zh")  # type: ignore[arg-type]
        )
        with pytest.raises(openai.BadRequestError) as unknown:
            await client.chat.completions.create(
                model="tactful:nope", messages=messages(), extra_body=tactful()  # type: ignore[arg-type]
            )
    for completion in (by_model, by_field):
        trace = (completion.model_extra or {})["tactful"]["trace"]
        assert [t["prompt"] for t in trace if t["step"] == "profile"] == ["bank-zh@1"]
    assert unknown.value.body["param"] == "profile" and "unknown profile 'nope'" in unknown.value.body["message"]  # type: ignore[index]
