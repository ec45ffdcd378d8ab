"""``POST /v1/chat/completions`` and ``GET /v1/models``: the whole chain behind an OpenAI-compatible API.

Any tool whose OpenAI base URL can be set (Chatwoot, Zammad, n8n, FreeScout GPT ...) gets Tactful's
rewrite by pointing it at ``http://<host>:8000/v1``. How the messages map onto a ``/rewrite`` request is
in :mod:`service.api._openai` (and the README). Same key (scope ``rewrite``), admission and chain as
``/rewrite`` and ``/rewrite/stream``: the requests run through the very same serving path.

Streaming sends the assistant's role at once, keep-alive comments while the chain runs, and the reply's
content in one piece once its checks have passed (a reply cannot be taken back once sent, and the final
gate may still choose the draft), then a last chunk with ``finish_reason: "stop"`` and the ``tactful``
extension, then ``data: [DONE]``.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import time
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, Response

from service.api._openai import (
    MODEL_ID,
    PROFILE_MODEL_PREFIX,
    ChatCompletion,
    ChatCompletionRequest,
    ModelCard,
    ModelList,
    chunk,
    completion,
    errors,
    to_rewrite_request,
    usage_of,
)
from service.api._serve import CLIENT_CLOSED, rewrite_once
from service.api.deps import ChainDepsDep, RewriteKey, ServingDep, guard_request
from service.api.routes.stream import PING, Relayed, Render, open_stream
from service.schemas import RewriteResponse

router = APIRouter(prefix="/v1", tags=["openai"])

STARTED = int(time.time())

CHAT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "A chat.completion, or with `stream: true` chat.completion.chunk events ending in "
        "`data: [DONE]`.",
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    },
    **errors(400, 401, 403, 413, 429),
}


def _data(payload: dict[str, Any]) -> str:
    return f"data: {json.dumps(payload, ensure_ascii=False, separators=(',', ':'))}\n\n"


def _chunks(cid: str, created: int, model: str, include_usage: bool) -> Render:
    """The relayed chain events as OpenAI chunks."""

    async def render(events: Relayed) -> AsyncIterator[str]:
        yield _data(chunk(cid, created, model, {"role": "assistant", "content": ""}))
        async with contextlib.aclosing(events):
            async for event in events:
                if event is PING:
                    yield ": ping\n\n"
                elif event.type == "done":
                    response = RewriteResponse.model_validate(event.data)
                    yield _data(chunk(cid, created, model, {"content": response.reply}))
                    tactful = response.model_dump(mode="json")
                    yield _data(chunk(cid, created, model, {}, "stop", tactful=tactful))
                    if include_usage:
                        usage = usage_of(response).model_dump()
                        yield _data({**chunk(cid, created, model, {}), "choices": [], "usage": usage})
        yield "data: [DONE]\n\n"

    return render


@router.post(
    "/chat/completions",
    response_model=ChatCompletion,
    summary="Rewrite a draft, OpenAI-style",
    description="The last user message is the agent's draft; the customer's turns before it are the "
    "customer message and history; the `tactful` extension (or `metadata`) carries policy facts, channel, "
    "locale. The content of the answer is the rewritten reply (the draft when degraded); the full `/rewrite` "
    "response rides in the `tactful` field. Errors use OpenAI's error envelope.",
    responses=CHAT_RESPONSES,
)
async def chat_completions(chat: ChatCompletionRequest, serving: ServingDep) -> ChatCompletion | Response:
    body = to_rewrite_request(chat)
    guard_request(body, serving.settings)
    cid = f"chatcmpl-{secrets.token_hex(12)}"
    created = int(time.time())
    if chat.stream:
        return await open_stream(body, serving, _chunks(cid, created, chat.model, chat.include_usage))
    response = await rewrite_once(body, serving)
    if response is None:
        return Response(status_code=CLIENT_CLOSED)
    return completion(response, cid=cid, created=created, model=chat.model)


@router.get("/models", summary="The models this endpoint answers as", responses=errors(401, 403))
async def list_models(principal: RewriteKey, deps: ChainDepsDep) -> ModelList:
    """``tactful``, and ``tactful:<profile>`` for each brand profile."""
    names = [MODEL_ID, *(f"{PROFILE_MODEL_PREFIX}{name}" for name in deps.profiles)]
    return ModelList(data=[ModelCard(id=name, created=STARTED) for name in names])
