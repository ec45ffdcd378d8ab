"""What one HTTP request has done so far, reachable from anywhere in it through a context variable.

The request middleware opens a :class:`RequestInfo` per request; routes and dependencies fill it in
(the key's name, model, tokens, degraded and why, queue wait); the access log line, the metrics and
every other log line written while the request runs read it. Tasks started by the request inherit it.
"""

from __future__ import annotations

from contextvars import ContextVar, Token
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class RequestInfo:
    request_id: str
    method: str
    path: str
    route: str = "unmatched"
    status: int = 0
    key: str | None = None
    """Name of the API key (never the key itself); ``anonymous`` when the service is open."""
    model: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    degraded: bool | None = None
    degraded_reason: str | None = None
    queue_ms: int | None = None
    rejected: str | None = None
    """Why the request was shed (``queue_full``, ``rate_limited`` ...)."""
    content: dict[str, str] = field(default_factory=dict)
    """Customer text, draft and reply: filled only when ``TACTFUL_LOG_CONTENT=true``."""

    def fields(self) -> dict[str, Any]:
        """The log fields: everything set, nothing empty."""
        return {k: v for k, v in asdict(self).items() if v not in (None, {}, "")}


_current: ContextVar[RequestInfo | None] = ContextVar("tactful_request", default=None)


def current_request() -> RequestInfo | None:
    return _current.get()


def current_request_id() -> str | None:
    info = _current.get()
    return info.request_id if info else None


def open_request(info: RequestInfo) -> Token[RequestInfo | None]:
    return _current.set(info)


def close_request(token: Token[RequestInfo | None]) -> None:
    _current.reset(token)
