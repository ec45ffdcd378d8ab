"""Two pure-ASGI middlewares: the request context (id, log line, metrics, span) and the body limit.

``RequestContext`` is outermost: it accepts a well-formed ``X-Request-ID`` or makes one, echoes it on
every response, opens the :class:`~service.observability.RequestInfo` that routes fill in, writes one
JSON log line per request when the response has been sent, counts it in the metrics, wraps it in a
server span, and turns anything that escapes the app into a 500 problem+json (still with the id).

``BodyLimit`` reads the body itself, whatever ``Content-Length`` says or whether it is sent chunked, and
answers 413 as soon as it passes the route's limit; the app then gets the body it buffered.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.api.problems import TITLES, problem_response
from service.observability import Metrics, RequestInfo, Tracing, close_request, open_request
from service.observability._otel import finish_request_span

access_log = logging.getLogger("tactful.access")
log = logging.getLogger("tactful.api")

REQUEST_ID_HEADER = "X-Request-ID"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:@/+=-]{1,128}$")
_QUIET_ROUTES = {"/healthz", "/readyz", "/metrics"}


def request_id_from(headers: Headers) -> str:
    """The client's ``X-Request-ID`` when it is short and plain, else a fresh one."""
    given = headers.get(REQUEST_ID_HEADER, "")
    return given if _REQUEST_ID.match(given) else uuid.uuid4().hex


def route_template(scope: Scope) -> str:
    """``/feedback/{id}``: the matched route's path template (bounded label values), or ``unmatched``."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "unmatched"


class RequestContext:
    def __init__(self, app: ASGIApp, *, metrics: Metrics, tracing: Tracing) -> None:
        self.app = app
        self.metrics = metrics
        self.tracing = tracing

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_from(Headers(scope=scope))
        info = RequestInfo(request_id=request_id, method=scope["method"], path=scope["path"])
        token = open_request(info)
        started = time.perf_counter()
        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
                info.status = message["status"]
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        try:
            with self.tracing.request_span(info.method, info.path, request_id) as span:
                try:
                    await self.app(scope, receive, send_with_id)
                except Exception:
                    log.exception("unexpected error on %s %s", info.method, info.path)
                    if not response_started:
                        response = problem_response(
                            500, TITLES[500], "an unexpected error occurred; it has been logged", info.path
                        )
                        await response(scope, receive, send_with_id)
                    else:
                        info.status = info.status or 500
                finally:
                    info.route = route_template(scope)
                    finish_request_span(span, info.route, info.method, info.status, info.fields())
            self._record(info, time.perf_counter() - started)
        finally:
            close_request(token)

    def _record(self, info: RequestInfo, seconds: float) -> None:
        self.metrics.observe_request(info.route, info.method, info.status, seconds)
        if info.rejected:
            self.metrics.rejected.labels(reason=info.rejected).inc()
        ms = int(seconds * 1000)
        level = logging.DEBUG if info.route in _QUIET_ROUTES and info.status < 400 else logging.INFO
        fields: dict[str, Any] = {**info.fields(), "ms": ms}
        access_log.log(level, "%s %s %s %d ms", info.method, info.path, info.status, ms, extra=fields)


class BodyLimit:
    """413 problem+json for a body above ``limit_for(path)`` bytes, declared or not (chunked)."""

    def __init__(self, app: ASGIApp, *, limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await self._too_large(scope, receive, send, f"the body has {declared} bytes; the limit is {limit}")
            return
        chunks: list[bytes] = []
        total = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body: bytes = message.get("body", b"")
            total += len(body)
            if total > limit:
                await self._too_large(scope, receive, send, f"the body is over the limit of {limit} bytes")
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        buffered = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": buffered, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    @staticmethod
    async def _too_large(scope: Scope, receive: Receive, send: Send, detail: str) -> None:
        response = problem_response(413, TITLES[413], detail, scope["path"], headers={"Connection": "close"})
        await response(scope, receive, send)
