"""Prometheus metrics, all named ``tactful_*``, in a registry per app (tests build many apps).

Requests by route and status, latency histograms (request, per chain step, queue wait), tokens,
degraded answers by reason, check failures by name, model-call failures, shed requests, in-flight and
queue depth (read from the admission controller when scraped), runtime restarts.
"""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import CONTENT_TYPE_LATEST as CONTENT_TYPE
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, disable_created_metrics, generate_latest

from service.schemas import RewriteResponse

__all__ = ["CONTENT_TYPE", "Metrics"]

_REQUEST_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 60, 120, 300)
_STEP_BUCKETS = (0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120)


class Metrics:
    def __init__(self) -> None:
        disable_created_metrics()  # type: ignore[no-untyped-call]  # no *_created series
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter(
            "tactful_requests", "HTTP requests by route template, method and status.",
            ["route", "method", "status"], registry=r,
        )
        self.request_seconds = Histogram(
            "tactful_request_duration_seconds", "Wall time of a request, to its last byte.", ["route"],
            buckets=_REQUEST_BUCKETS, registry=r,
        )
        self.step_seconds = Histogram(
            "tactful_step_duration_seconds", "Wall time of one chain step's model call, retries included.",
            ["step"], buckets=_STEP_BUCKETS, registry=r,
        )
        self.queue_seconds = Histogram(
            "tactful_queue_wait_seconds", "Time a rewrite waited for a place before it ran.",
            buckets=_STEP_BUCKETS, registry=r,
        )
        self.tokens = Counter("tactful_tokens", "Model tokens, prompt and completion.", ["kind"], registry=r)
        self.rewrites = Counter("tactful_rewrites", "Rewrites finished, by outcome.", ["outcome"], registry=r)
        self.degraded = Counter(
            "tactful_degraded", "Rewrites answered with the draft, by reason.", ["reason"], registry=r
        )
        self.check_failures = Counter(
            "tactful_check_failures", "Checks that failed on a returned reply, by name.", ["check"], registry=r
        )
        self.model_errors = Counter(
            "tactful_model_call_errors", "Model calls that failed for good, by step and kind.",
            ["step", "kind"], registry=r,
        )
        self.rejected = Counter(
            "tactful_rejected", "Requests shed with 429, by reason.", ["reason"], registry=r
        )
        self.rate_store_fallbacks = Counter(
            "tactful_rate_store_fallbacks", "Rate checks made per process because Redis was unreachable.", registry=r
        )
        self.inflight = Gauge("tactful_inflight", "Rewrites running now.", registry=r)
        self.queue_depth = Gauge("tactful_queue_depth", "Rewrites waiting for a place now.", registry=r)
        self.capacity = Gauge("tactful_capacity", "Rewrites allowed at once (TACTFUL_MAX_INFLIGHT).", registry=r)
        self.runtime_restarts = Counter(
            "tactful_runtime_restarts", "Restarts of the embedded runtime after it died or hung.", registry=r
        )

    def bind_admission(
        self, inflight: Callable[[], float], queued: Callable[[], float], capacity: Callable[[], float]
    ) -> None:
        self.inflight.set_function(inflight)
        self.queue_depth.set_function(queued)
        self.capacity.set_function(capacity)

    def observe_request(self, route: str, method: str, status: int, seconds: float) -> None:
        self.requests.labels(route=route, method=method, status=str(status)).inc()
        self.request_seconds.labels(route=route).observe(seconds)

    def observe_rewrite(self, response: RewriteResponse, reason: str | None) -> None:
        for entry in response.trace:
            if entry.step in ("queue", "profile"):
                continue
            self.step_seconds.labels(step=entry.step).observe(entry.latency_ms / 1000)
            if not entry.ok:
                self.model_errors.labels(step=entry.step, kind=entry.error_kind or "model_error").inc()
        self.tokens.labels(kind="prompt").inc(response.usage.prompt_tokens)
        self.tokens.labels(kind="completion").inc(response.usage.completion_tokens)
        if response.degraded:
            self.rewrites.labels(outcome="degraded").inc()
            self.degraded.labels(reason=reason or "unknown").inc()
        else:
            self.rewrites.labels(outcome="ok").inc()
            for check in response.checks:
                if not check.passed:
                    self.check_failures.labels(check=check.name).inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)
