"""Request ids, JSON logs, Prometheus metrics and OpenTelemetry traces.

Public API::

    info = current_request()                 # the RequestInfo of the request this code runs in
    configure_logging(settings)              # JSON lines on stderr, secrets masked
    register_secret(value); scrub(text)      # never show a key
    metrics = Metrics(); metrics.render()    # tactful_* in a registry of its own
    tracing = Tracing.from_settings(settings) # OTLP/HTTP spans when OTEL_EXPORTER_OTLP_ENDPOINT is set
    degraded_reason(response, budget_s)      # why a draft came back
"""

from service.observability._context import (
    RequestInfo,
    close_request,
    current_request,
    current_request_id,
    open_request,
)
from service.observability._logging import (
    JsonFormatter,
    configure_logging,
    register_secret,
    register_settings_secrets,
    scrub,
)
from service.observability._metrics import CONTENT_TYPE, Metrics
from service.observability._otel import Tracing
from service.observability._outcome import CHAIN_TIMEOUT, INTERNAL_ERROR, degraded_reason

__all__ = [
    "CHAIN_TIMEOUT",
    "CONTENT_TYPE",
    "INTERNAL_ERROR",
    "JsonFormatter",
    "Metrics",
    "RequestInfo",
    "Tracing",
    "close_request",
    "configure_logging",
    "current_request",
    "current_request_id",
    "degraded_reason",
    "open_request",
    "register_secret",
    "register_settings_secrets",
    "scrub",
]
