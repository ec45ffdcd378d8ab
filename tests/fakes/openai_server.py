"""A fake OpenAI-compatible server on loopback, for tests that run the real service end to end.

It answers ``POST /v1/chat/completions`` by ``response_format.json_schema.name`` with the canned JSON of
the customer message's language (see :mod:`tests.fakes._canned`), and can be told to fail (HTTP 503)
or to be slow per step. It records every call, and every call whose client went away before the answer.

``faults`` injects upstream misbehaviour per schema name (or ``"*"``): ``garbage`` (HTTP 200 with an HTML
page), ``trickle`` (a valid answer, one byte every ``TRICKLE_S`` seconds), ``overflow`` (llama.cpp's
context-size error) and ``not_json`` (a completion whose content is prose, not JSON).

    fake = FakeOpenAI()
    with serve_in_thread(fake.app()) as base:        # http://127.0.0.1:<port> (tests.fakes.serve_in_thread)
        Settings(model="openai/stub", api_base=f"{base}/v1", api_key="sk-test")
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from tests.fakes._canned import CANNED

Fault = Literal["garbage", "trickle", "overflow", "not_json"]
TRICKLE_S = 0.5
OVERFLOW = {
    "error": {
        "code": 400,
        "message": "the request exceeds the available context size, try increasing it",
        "type": "exceed_context_size_error",
    }
}

_CUSTOMER = re.compile(r"<customer_message>(.*?)</customer_message>|Customer:\n(.*?)\nPolicy:", re.S)
_HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass
class Call:
    schema_name: str
    language: str
    started: float
    finished: float | None = None
    disconnected: bool = False


@dataclass
class FakeOpenAI:
    fail: bool = False
    """Answer every call with HTTP 503 (the service retries, then degrades)."""
    delays: dict[str, float] = field(default_factory=dict)
    """Seconds to wait before answering, per schema name; ``"*"`` for every step."""
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Answer for a schema name, instead of the canned one."""
    calls: list[Call] = field(default_factory=list)
    faults: dict[str, Fault] = field(default_factory=dict)
    """Upstream misbehaviour per schema name, ``"*"`` for every step."""

    def reset(self) -> None:
        self.fail = False
        self.delays = {}
        self.overrides = {}
        self.calls = []
        self.faults = {}

    def names(self) -> list[str]:
        return [c.schema_name for c in self.calls]

    def answer(self, schema_name: str, language: str) -> dict[str, Any]:
        answer: dict[str, Any] = self.overrides.get(schema_name) or CANNED[language][schema_name]
        return answer

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.get("/v1/models")
        async def models() -> dict[str, Any]:
            return {"object": "list", "data": [{"id": "stub", "object": "model", "owned_by": "tests"}]}

        @app.post("/v1/chat/completions")
        async def completions(request: Request) -> Response:
            body = await request.json()
            schema_name = body.get("response_format", {}).get("json_schema", {}).get("name", "")
            language = _language(body.get("messages", []))
            call = Call(schema_name=schema_name, language=language, started=time.monotonic())
            self.calls.append(call)
            delay = self.delays.get(schema_name, self.delays.get("*", 0.0))
            if delay and await _client_left_during(request, delay):
                call.disconnected = True
                return JSONResponse({"error": "client went away"}, status_code=499)
            call.finished = time.monotonic()
            fault = self.faults.get(schema_name, self.faults.get("*"))
            if fault is not None:
                return _faulty(fault, self.answer(schema_name, language), body.get("model", "stub"))
            if self.fail:
                error = {"error": {"message": "overloaded", "type": "server_error"}}
                return JSONResponse(error, status_code=503)
            if schema_name not in CANNED[language] and schema_name not in self.overrides:
                return JSONResponse({"error": {"message": f"no canned answer for {schema_name!r}"}}, 400)
            answer = self.answer(schema_name, language)
            if body.get("stream"):
                return StreamingResponse(_chunks(answer, body.get("model", "stub")), media_type="text/event-stream")
            return JSONResponse(_completion(answer, body.get("model", "stub")))

        return app


def _faulty(fault: Fault, answer: dict[str, Any], model: str) -> Response:
    if fault == "garbage":
        return Response("<html><body>502 Bad Gateway</body></html>", status_code=200, media_type="text/html")
    if fault == "overflow":
        return JSONResponse(OVERFLOW, status_code=400)
    if fault == "not_json":
        completion = _completion({}, model)
        completion["choices"][0]["message"]["content"] = "Sure! Here is a friendly reply for your customer."
        return JSONResponse(completion)
    payload = json.dumps(_completion(answer, model), ensure_ascii=False).encode()

    async def trickle() -> AsyncIterator[bytes]:
        for i in range(len(payload)):
            yield payload[i : i + 1]
            await asyncio.sleep(TRICKLE_S)

    return StreamingResponse(trickle(), media_type="application/json")


async def _client_left_during(request: Request, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if await request.is_disconnected():
            return True
        await asyncio.sleep(0.02)
    return False


def _language(messages: list[dict[str, Any]]) -> str:
    """The language of the customer message in the last user turn (earlier turns are worked examples)."""
    users = [str(m.get("content", "")) for m in messages if m.get("role") == "user"]
    text = users[-1] if users else ""
    found = _CUSTOMER.search(text)
    if found:
        text = found.group(1) or found.group(2) or ""
        found = None
    return "zh" if _HAN.search(found.group(1) if found else text) else "en"


async def _chunks(payload: dict[str, Any], model: str) -> Any:
    """The answer as OpenAI stream chunks, a few characters each, then usage and [DONE]."""
    content = json.dumps(payload, ensure_ascii=False)
    base = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()), "model": model}
    for i in range(0, len(content), 12):
        delta = {"role": "assistant", "content": content[i : i + 12]} if i == 0 else {"content": content[i : i + 12]}
        chunk = {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}
        yield f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"
    end = {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
           "usage": {"prompt_tokens": 120, "completion_tokens": len(content) // 3,
                     "total_tokens": 120 + len(content) // 3}}
    yield f"data: {json.dumps(end, ensure_ascii=False)}\n\n"
    yield "data: [DONE]\n\n"


def _completion(payload: dict[str, Any], model: str) -> dict[str, Any]:
    content = json.dumps(payload, ensure_ascii=False)
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
        ],
        "usage": {"prompt_tokens": 120, "completion_tokens": len(content) // 3},
    }
