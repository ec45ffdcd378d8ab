"""OpenTelemetry traces over OTLP/HTTP, only when ``OTEL_EXPORTER_OTLP_ENDPOINT`` is set.

One server span per HTTP request (``POST /rewrite``) with the request id, status, key name and
outcome, and one client span per model call under it (model, schema, tokens, attempts, error kind).
The SDK is imported only when tracing is on; spans leave in batches, flushed at shutdown.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from service.errors import ModelError
from service.llm import GenerateRequest, GenerateResult, Generator
from service.settings import Settings


class Tracing:
    """``Tracing.from_settings(settings)``; a disabled instance makes every span a no-op."""

    def __init__(self, provider: Any = None) -> None:
        self._provider = provider
        self._tracer = provider.get_tracer("tactful") if provider is not None else None

    @classmethod
    def from_settings(cls, settings: Settings) -> Tracing:
        endpoint = settings.otel_exporter_otlp_endpoint
        if not endpoint:
            return cls(None)
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor

        url = endpoint.rstrip("/")
        if not url.endswith("/v1/traces"):
            url += "/v1/traces"
        provider = TracerProvider(resource=Resource.create({"service.name": settings.otel_service_name}))
        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=url, timeout=5)))
        return cls(provider)

    @property
    def enabled(self) -> bool:
        return self._tracer is not None

    @contextmanager
    def request_span(self, method: str, path: str, request_id: str) -> Iterator[Any]:
        """The server span of one request (``None`` when tracing is off); the caller sets its outcome."""
        if self._tracer is None:
            yield None
            return
        from opentelemetry.trace import SpanKind

        with self._tracer.start_as_current_span(
            f"{method} {path}",
            kind=SpanKind.SERVER,
            attributes={"http.request.method": method, "url.path": path, "tactful.request_id": request_id},
        ) as span:
            yield span

    def wrap(self, generate: Generator) -> Generator:
        """``generate`` with a client span around every model call (itself when tracing is off)."""
        if self._tracer is None:
            return generate
        return _TracedGenerator(generate, self._tracer)

    def flush(self) -> None:
        if self._provider is not None:
            self._provider.force_flush(5_000)

    def shutdown(self) -> None:
        if self._provider is not None:
            self._provider.shutdown()


def finish_request_span(span: Any, route: str, method: str, status: int, fields: dict[str, Any]) -> None:
    """Name the span after its route template and record the request's outcome on it."""
    if span is None:
        return
    from opentelemetry.trace import Status, StatusCode

    span.update_name(f"{method} {route}")
    span.set_attribute("http.route", route)
    span.set_attribute("http.response.status_code", status)
    for name in ("key", "model", "degraded", "degraded_reason", "queue_ms", "prompt_tokens", "completion_tokens"):
        value = fields.get(name)
        if value is not None:
            span.set_attribute(f"tactful.{name}", value)
    if status >= 500:
        span.set_status(Status(StatusCode.ERROR))


class _TracedGenerator:
    def __init__(self, inner: Generator, tracer: Any) -> None:
        self.inner = inner
        self.tracer = tracer

    async def __call__(self, request: GenerateRequest) -> GenerateResult:
        from opentelemetry.trace import SpanKind, Status, StatusCode

        attributes = {
            "gen_ai.request.model": request.target.display,
            "tactful.schema": request.schema_name,
            "tactful.prompt": request.prompt,
        }
        with self.tracer.start_as_current_span(
            f"model {request.schema_name}", kind=SpanKind.CLIENT, attributes=attributes
        ) as span:
            started = time.perf_counter()
            try:
                result = await self.inner(request)
            except ModelError as exc:
                span.set_attribute("tactful.error_kind", exc.kind)
                span.set_attribute("tactful.attempts", exc.attempts)
                span.set_status(Status(StatusCode.ERROR, exc.message))
                raise
            span.set_attribute("gen_ai.response.model", result.model)
            span.set_attribute("gen_ai.usage.input_tokens", result.prompt_tokens)
            span.set_attribute("gen_ai.usage.output_tokens", result.completion_tokens)
            span.set_attribute("tactful.attempts", result.attempts)
            span.set_attribute("tactful.latency_ms", int((time.perf_counter() - started) * 1000))
            return result
