"""The only module that imports litellm.

litellm is imported lazily (it costs ~2.5 s and ~160 MB) with its network
look-ups and aiohttp transport switched off, so that every call goes through
httpx (which tests mock with respx). Retries of transient provider errors are
owned here by tenacity; litellm's own retries are off.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Awaitable, Callable
from typing import Any

from tenacity import (
    AsyncRetrying,
    RetryError,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
)

from service.errors import ModelCallsForbidden, ModelError, ModelTimeout, ModelUnavailable
from service.llm._switch import model_requests_allowed
from service.llm._types import GenerateRequest, GenerateResult

_litellm: Any = None


def _lib() -> Any:
    global _litellm
    if _litellm is None:
        os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
        os.environ.setdefault("DISABLE_AIOHTTP_TRANSPORT", "True")
        os.environ.setdefault("LITELLM_LOG", "ERROR")
        import litellm

        for name in ("LiteLLM", "LiteLLM Router", "LiteLLM Proxy", "litellm"):
            logging.getLogger(name).setLevel(logging.WARNING)

        litellm.suppress_debug_info = True
        litellm.drop_params = True
        litellm.telemetry = False
        _litellm = litellm
    return _litellm


def compact_grammar(schema: dict[str, Any]) -> str:
    """An llguidance grammar for ``schema`` whose JSON has no optional whitespace."""
    compact = {
        "x-guidance": {"whitespace_flexible": False, "item_separator": ",", "key_separator": ":"},
        **schema,
    }
    return "%llguidance {}\nstart: %json " + json.dumps(compact, ensure_ascii=False)


def _is_transient(exc: BaseException) -> bool:
    lib = _lib()
    transient = (
        lib.Timeout,
        lib.APIConnectionError,
        lib.RateLimitError,
        lib.InternalServerError,
        lib.ServiceUnavailableError,
        lib.BadGatewayError,
    )
    if isinstance(exc, transient):
        return True
    status = getattr(exc, "status_code", None)
    return isinstance(status, int) and (status == 429 or status >= 500)


def _to_model_error(exc: BaseException, model: str, attempts: int) -> ModelError:
    lib = _lib()
    status = getattr(exc, "status_code", None)
    body = getattr(exc, "message", None) or str(exc)
    status = status if isinstance(status, int) else None
    if isinstance(exc, lib.Timeout):
        return ModelTimeout("model call timed out", model=model, status=status, body=body, attempts=attempts)
    if _is_transient(exc):
        return ModelUnavailable(
            "model unreachable or overloaded", model=model, status=status, body=body, attempts=attempts
        )
    return ModelError(
        f"model call failed: {type(exc).__name__}", model=model, status=status, body=body, attempts=attempts
    )


async def _stream(
    lib: Any, kwargs: dict[str, Any], on_partial: Callable[[str], Awaitable[None]]
) -> tuple[str, int, int]:
    """Stream the answer, handing the text so far to ``on_partial``; text and token counts."""
    chunks = await lib.acompletion(**kwargs, stream=True, stream_options={"include_usage": True})
    text = ""
    prompt_tokens = completion_tokens = 0
    async for chunk in chunks:
        usage = getattr(chunk, "usage", None)
        if usage:
            prompt_tokens = int(getattr(usage, "prompt_tokens", 0) or 0)
            completion_tokens = int(getattr(usage, "completion_tokens", 0) or 0)
        if chunk.choices and (delta := chunk.choices[0].delta.content):
            text += delta
            await on_partial(text)
    return text, prompt_tokens, completion_tokens


class LiteLLMGenerator:
    """Calls any litellm-supported provider and asks for JSON matching ``request.schema``."""

    def __init__(self, *, retries: int = 2, backoff_s: float = 0.5) -> None:
        self.retries = retries
        self.backoff_s = backoff_s
        _lib()

    async def __call__(self, request: GenerateRequest) -> GenerateResult:
        if not model_requests_allowed():
            raise ModelCallsForbidden("real model calls are switched off", model=request.target.model)
        lib = _lib()
        target = request.target
        kwargs: dict[str, Any] = {
            "model": target.model,
            "messages": request.messages,
            "temperature": request.temperature,
            "max_tokens": request.max_tokens,
            "timeout": request.timeout_s,
            "num_retries": 0,
            "max_retries": 0,
        }
        if target.constrain == "llguidance":
            kwargs["extra_body"] = {"grammar": compact_grammar(request.schema)}
        else:
            kwargs["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": request.schema_name, "schema": request.schema, "strict": True},
            }
        if target.api_base:
            kwargs["api_base"] = target.api_base
        if target.api_key:
            kwargs["api_key"] = target.api_key
        attempts = 0
        started = time.perf_counter()
        try:
            async for attempt in AsyncRetrying(
                stop=stop_after_attempt(self.retries + 1),
                wait=wait_exponential(multiplier=self.backoff_s, max=8.0),
                retry=retry_if_exception(_is_transient),
                reraise=True,
            ):
                with attempt:
                    attempts += 1
                    if request.on_partial is not None:
                        streamed = await _stream(lib, kwargs, request.on_partial)
                    else:
                        response = await lib.acompletion(**kwargs)
        except (RetryError, Exception) as exc:
            raise _to_model_error(exc, target.display, attempts) from exc
        latency_ms = int((time.perf_counter() - started) * 1000)
        if request.on_partial is not None:
            text, prompt_tokens, completion_tokens = streamed
            return GenerateResult(
                text=text,
                model=target.display,
                prompt_tokens=prompt_tokens,
                completion_tokens=completion_tokens,
                attempts=attempts,
                latency_ms=latency_ms,
            )
        choice = response.choices[0]
        text = choice.message.content or ""
        usage = getattr(response, "usage", None)
        cost: float | None
        try:
            cost = float(lib.completion_cost(completion_response=response))
        except Exception:
            cost = None
        return GenerateResult(
            text=text,
            model=target.display,
            prompt_tokens=int(getattr(usage, "prompt_tokens", 0) or 0),
            completion_tokens=int(getattr(usage, "completion_tokens", 0) or 0),
            attempts=attempts,
            latency_ms=latency_ms,
            cost_usd=cost,
        )
