"""RFC 9457 problem+json for every error the API returns, each carrying the request's id.

``type`` is a stable URI per title, ``instance`` the path, ``request_id`` the same value as the
``X-Request-ID`` response header and the log lines of that request. A 401 adds ``WWW-Authenticate``,
a 429 adds ``Retry-After``.

The OpenAI-compatible routes (``/v1/...``) answer the same errors in OpenAI's envelope instead
(``{"error": {"message", "type", "param", "code"}}``, bad input as 400), since their clients parse that.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from service.api._openai import error_envelope, error_status, is_openai_path
from service.errors import InputError, Overloaded, StoreUnavailable, Unauthorized
from service.observability import current_request, current_request_id

log = logging.getLogger("tactful.api")

PROBLEM_JSON = "application/problem+json"
STORE_RETRY_AFTER_S = 5
"""Retry-After of a 503 when the feedback database cannot be reached (the pool reconnects meanwhile)."""

TITLES: dict[int, str] = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request too large",
    415: "Unsupported media type",
    422: "Invalid request",
    429: "Too many requests",
    500: "Internal error",
    503: "Unavailable",
}

PROBLEM_SCHEMA: dict[str, Any] = {
    "content": {
        PROBLEM_JSON: {
            "schema": {
                "type": "object",
                "required": ["type", "title", "status", "detail"],
                "properties": {
                    "type": {"type": "string"},
                    "title": {"type": "string"},
                    "status": {"type": "integer"},
                    "detail": {"type": "string"},
                    "instance": {"type": "string"},
                    "request_id": {"type": "string"},
                    "errors": {"type": "array", "items": {"type": "object"}},
                },
            }
        }
    }
}

RETRY_AFTER_HEADER: dict[str, Any] = {
    "Retry-After": {"description": "Seconds to wait before trying again.", "schema": {"type": "integer"}}
}


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` entry of a route that can answer with these problem statuses."""
    out: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        entry: dict[str, Any] = {**PROBLEM_SCHEMA, "description": TITLES.get(status, "Error")}
        if status == 429:
            entry["headers"] = RETRY_AFTER_HEADER
        out[status] = entry
    return out


def problem_body(status: int, title: str, detail: str, instance: str, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": f"https://tactful.dev/problems/{title.lower().replace(' ', '-')}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": instance,
    }
    request_id = current_request_id()
    if request_id:
        body["request_id"] = request_id
    body.update(extra)
    return body


def problem_response(
    status: int, title: str, detail: str, instance: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    if is_openai_path(instance):
        param = (extra.get("errors") or [{}])[0].get("field")
        status = error_status(status)
        return JSONResponse(error_envelope(status, detail, param), status_code=status, headers=headers)
    body = problem_body(status, title, detail, instance, **extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def problem(
    status: int, title: str, detail: str, request: Request, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    return problem_response(status, title, detail, request.url.path, headers, **extra)


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p != "body"]
    return ".".join(parts) or "body"


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"field": _field(e["loc"]), "message": e["msg"]} for e in exc.errors()]
    first = errors[0] if errors else {"field": "body", "message": "invalid request"}
    return problem(422, TITLES[422], f"{first['field']}: {first['message']}", request, errors=errors)


async def _input_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, InputError)
    extra: dict[str, Any] = {"errors": [{"field": exc.field, "message": exc.detail}]} if exc.field else {}
    headers: dict[str, str] = {}
    if isinstance(exc, Unauthorized):
        headers["WWW-Authenticate"] = 'Bearer realm="tactful"'
    if isinstance(exc, StoreUnavailable):
        headers["Retry-After"] = str(STORE_RETRY_AFTER_S)
    if isinstance(exc, Overloaded):
        headers["Retry-After"] = str(exc.retry_after)
        extra["retry_after"] = exc.retry_after
        info = current_request()
        if info is not None:
            info.rejected = exc.reason
    return problem(exc.status, TITLES.get(exc.status, "Invalid request"), exc.detail, request, headers, **extra)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers) if exc.headers else None
    title = TITLES.get(exc.status_code, "HTTP error")
    return problem(exc.status_code, title, str(exc.detail), request, headers)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s", request.url.path, exc_info=exc)
    return problem(500, TITLES[500], "an unexpected error occurred; it has been logged", request)


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
