"""The only module that imports litellm.

litellm is imported lazily (it costs ~2.5 s and ~160 MB) with its network
look-ups and aiohttp transport switched off, so that every call goes through
httpx (which tests mock with respx). Retries of transient provider errors are
owned here by tenacity; litellm's own retries are off.

- Every attempt has a total deadline (``timeout_s``), so an upstream that trickles bytes cannot hold a
  call longer than that (httpx's own timeout is per read). Such a call is retried like a timeout (the
  runtime keeps the prompt prefix it processed, so a cold first call usually succeeds the second time).
- Retries wait a random time up to an exponential bound (full jitter) and never less than the
  provider's ``Retry-After``; a provider asking for more than ``max_wait_s`` is not retried.
- When a call stays unavailable, times out or overflows the context, the fallback models are tried in
  order (``TACTFUL_FALLBACK_MODELS``); the trace names the model that answered.
- The provider key is masked in every error text.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import os
import random
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from typing import Any

from tenacity import AsyncRetrying, RetryCallState, RetryError, retry_if_exception, stop_after_attempt

from service.errors import (
    ContextOverflow,
    MalformedResponse,
    ModelCallsForbidden,
    ModelError,
    ModelTimeout,
    ModelUnavailable,
)
from service.llm._switch import model_requests_allowed
from service.llm._types import GenerateRequest, GenerateResult, ModelTarget
from service.settings import Settings

log = logging.getLogger("tactful.llm")

FALLBACK_ON = (ModelUnavailable, ModelTimeout, ContextOverflow)
"""Failures after which the next fallback model is tried."""

_MALFORMED_MARKERS = ("invalid response from llm endpoint", "expecting value", "jsondecodeerror")
"""How litellm reports an HTTP 200 whose body is not a chat completion (HTML from a proxy, a truncated body)."""
_CONTEXT_MARKERS = ("context length", "context window", "context size", "maximum context", "exceed_context",
                    "context_length_exceeded", "too many tokens", "prompt is too long")

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


class DeadlineExceeded(Exception):
    """One attempt ran past its total deadline (the upstream was too slow or trickled)."""


def retry_after_s(exc: BaseException) -> float | None:
    """The provider's ``Retry-After`` (or ``retry-after-ms``) in seconds, if its response had one."""
    headers: Any = getattr(getattr(exc, "response", None), "headers", None) or getattr(
        exc, "litellm_response_headers", None
    )
    if not headers:
        return None
    try:
        ms = headers.get("retry-after-ms")
        if ms is not None:
            return max(0.0, float(ms) / 1000)
        value = headers.get("retry-after")
    except (AttributeError, ValueError):
        return None
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(str(value))
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def is_context_overflow(exc: BaseException) -> bool:
    lib = _lib()
    if isinstance(exc, lib.ContextWindowExceededError):
        return True
    status = getattr(exc, "status_code", None)
    text = (str(getattr(exc, "message", "")) + " " + str(exc)).lower()
    return status in (400, 413, None) and any(marker in text for marker in _CONTEXT_MARKERS)


def _is_transient(exc: BaseException) -> bool:
    if isinstance(exc, DeadlineExceeded):
        return True  # retried after a jittered wait: llama.cpp keeps the prefix it processed, so a retry is cheaper
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


def _mask(text: str, secret: str | None) -> str:
    return text.replace(secret, "***") if secret and len(secret) >= 6 else text


def _to_model_error(exc: BaseException, target: ModelTarget, attempts: int, timeout_s: float) -> ModelError:
    lib = _lib()
    model = target.display
    status = getattr(exc, "status_code", None)
    body = _mask(str(getattr(exc, "message", None) or exc), target.api_key)
    status = status if isinstance(status, int) else None
    if isinstance(exc, DeadlineExceeded):
        return ModelTimeout(
            f"model call did not finish within {timeout_s:g} s", model=model, body=body, attempts=attempts
        )
    if isinstance(exc, lib.Timeout):
        return ModelTimeout("model call timed out", model=model, status=status, body=body, attempts=attempts)
    if any(marker in body.lower() for marker in _MALFORMED_MARKERS):
        return MalformedResponse(
            "the provider's answer is not a chat completion", model=model, status=status, body=body, attempts=attempts
        )
    if is_context_overflow(exc):
        return ContextOverflow(
            "the prompt does not fit the model's context", model=model, status=status, body=body, attempts=attempts
        )
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


class _Wait:
    """Full-jitter exponential backoff, never shorter than the provider's Retry-After, capped."""

    def __init__(self, backoff_s: float, max_wait_s: float) -> None:
        self.backoff_s = backoff_s
        self.max_wait_s = max_wait_s

    def __call__(self, state: RetryCallState) -> float:
        bound = min(self.max_wait_s, self.backoff_s * 2 ** max(0, state.attempt_number - 1))
        wait = random.uniform(0, bound)
        exc = state.outcome.exception() if state.outcome else None
        asked = retry_after_s(exc) if exc is not None else None
        if asked is not None:
            wait = max(wait, asked)
        return min(self.max_wait_s, wait)


class LiteLLMGenerator:
    """Calls any litellm-supported provider and asks for JSON matching ``request.schema``."""

    def __init__(
        self,
        *,
        retries: int = 2,
        backoff_s: float = 0.5,
        max_wait_s: float = 20.0,
        fallbacks: Sequence[ModelTarget] = (),
    ) -> None:
        self.retries = retries
        self.backoff_s = backoff_s
        self.max_wait_s = max_wait_s
        self.fallbacks = tuple(fallbacks)
        self._unpriced: set[str] = set()
        _lib()

    @classmethod
    def from_settings(cls, settings: Settings) -> LiteLLMGenerator:
        fallbacks = [
            ModelTarget(
                model=f.model,
                api_base=f.api_base,
                api_key=f.api_key.get_secret_value() if f.api_key else None,
                label=f.model,
            )
            for f in settings.fallback_models
        ]
        return cls(
            retries=settings.retries,
            backoff_s=settings.retry_backoff_s,
            max_wait_s=settings.retry_max_wait_s,
            fallbacks=fallbacks,
        )

    def __repr__(self) -> str:
        return f"LiteLLMGenerator(retries={self.retries}, fallbacks={[t.display for t in self.fallbacks]})"

    async def __call__(self, request: GenerateRequest) -> GenerateResult:
        if not model_requests_allowed():
            raise ModelCallsForbidden("real model calls are switched off", model=request.target.model)
        targets = [request.target, *self.fallbacks]
        attempts = 0
        for index, target in enumerate(targets):
            try:
                result = await self._call(replace(request, target=target))
            except ModelError as exc:
                attempts += exc.attempts
                exc.attempts = attempts
                if index + 1 == len(targets) or not isinstance(exc, FALLBACK_ON):
                    raise
                log.warning(
                    "%s failed (%s); falling back to %s", target.display, exc.kind, targets[index + 1].display
                )
                continue
            result.attempts += attempts
            return result
        raise AssertionError("unreachable")  # pragma: no cover

    def _should_retry(self, exc: BaseException) -> bool:
        if not _is_transient(exc):
            return False
        asked = retry_after_s(exc)
        return asked is None or asked <= self.max_wait_s

    async def _call(self, request: GenerateRequest) -> GenerateResult:
        lib = _lib()
        target = request.target
        kwargs: dict[str, Any] = {
            "model": target.model,
            "messages": request.messages,
            "temperature": request.temperature,
            "max_tokens": request.max_tokens,
            "timeout": request.timeout_s + 5,  # httpx's per-read timeout; the total deadline below comes first
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

        async def attempt_once() -> Any:
            try:
                async with asyncio.timeout(request.timeout_s):
                    if request.on_partial is not None:
                        return await _stream(lib, kwargs, request.on_partial)
                    return await lib.acompletion(**kwargs)
            except TimeoutError as exc:
                raise DeadlineExceeded(f"no answer within {request.timeout_s:g} s") from exc

        try:
            async for attempt in AsyncRetrying(
                stop=stop_after_attempt(self.retries + 1),
                wait=_Wait(self.backoff_s, self.max_wait_s),
                retry=retry_if_exception(self._should_retry),
                reraise=True,
            ):
                with attempt:
                    attempts += 1
                    answer = await attempt_once()
        except (RetryError, Exception) as exc:
            raise _to_model_error(exc, target, attempts, request.timeout_s) from exc
        latency_ms = int((time.perf_counter() - started) * 1000)
        if request.on_partial is not None:
            text, prompt_tokens, completion_tokens = answer
            return GenerateResult(
                text=text,
                model=target.display,
                prompt_tokens=prompt_tokens,
                completion_tokens=completion_tokens,
                attempts=attempts,
                latency_ms=latency_ms,
            )
        response = answer
        try:
            text = response.choices[0].message.content or ""
            if not isinstance(text, str):
                raise TypeError(f"content is {type(text).__name__}")
        except (AttributeError, IndexError, KeyError, TypeError) as exc:
            raise MalformedResponse(
                f"the provider's answer is not a chat completion ({exc})", model=target.display, attempts=attempts
            ) from exc
        usage = getattr(response, "usage", None)
        cost: float | None = None
        if target.model not in self._unpriced:  # a model missing from the cost map stays missing: ask once
            try:
                cost = float(lib.completion_cost(completion_response=response))
            except Exception:
                self._unpriced.add(target.model)
        return GenerateResult(
            text=text,
            model=target.display,
            prompt_tokens=int(getattr(usage, "prompt_tokens", 0) or 0),
            completion_tokens=int(getattr(usage, "completion_tokens", 0) or 0),
            attempts=attempts,
            latency_ms=latency_ms,
            cost_usd=cost,
        )
