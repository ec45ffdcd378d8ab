"""A fake model with queued outputs, for tests and for offline demos of the pipeline."""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

from service.errors import ModelError
from service.llm._types import GenerateRequest, GenerateResult

Output = str | dict[str, Any] | BaseException | Callable[[GenerateRequest], "str | dict[str, Any]"]


class FakeGenerator:
    """Answers each call with the next queued output for its schema name.

    ``FakeGenerator({"analysis": [{...}], "plan": [{...}]})``: a dict output is
    sent as JSON text, a string as is, an exception is raised, a callable is
    called with the request. Every request is kept in ``calls``.
    """

    def __init__(self, queues: dict[str, Iterable[Output]] | None = None, *, model: str = "fake") -> None:
        self.queues: dict[str, deque[Output]] = {k: deque(v) for k, v in (queues or {}).items()}
        self.calls: list[GenerateRequest] = []
        self.model = model

    def push(self, schema_name: str, *outputs: Output) -> None:
        self.queues.setdefault(schema_name, deque()).extend(outputs)

    def calls_for(self, schema_name: str) -> list[GenerateRequest]:
        return [c for c in self.calls if c.schema_name == schema_name]

    async def __call__(self, request: GenerateRequest) -> GenerateResult:
        self.calls.append(request)
        queue = self.queues.get(request.schema_name)
        if not queue:
            raise ModelError(
                f"FakeGenerator has no output queued for {request.schema_name!r}", model=self.model
            )
        out = queue.popleft()
        if isinstance(out, BaseException):
            raise out
        if callable(out):
            out = out(request)
        text = out if isinstance(out, str) else json.dumps(out, ensure_ascii=False)
        if request.on_partial is not None:
            for end in range(8, len(text), 8):
                await request.on_partial(text[:end])
            await request.on_partial(text)
        prompt_chars = sum(len(m["content"]) for m in request.messages)
        return GenerateResult(
            text=text,
            model=self.model,
            prompt_tokens=prompt_chars // 3,
            completion_tokens=max(1, len(text) // 3),
            latency_ms=1,
        )
