"""A small typed client of a running Tactful service: ``Tactful`` (sync) and ``AsyncTactful``.

::

    from service.client import Tactful

    with Tactful("http://127.0.0.1:8000", api_key="tk-...") as tactful:
        answer = tactful.rewrite(draft="您好，退款正在处理中。", customer_message="退款怎么还没到？",
                                 policy=["退款审核通过后1-3个工作日原路退回"])
        print(answer.reply, answer.degraded)

``rewrite()`` takes a :class:`~service.schemas.RewriteRequest`, a mapping, or its fields as keywords
(validated here first, so a typo fails before the network), and returns the
:class:`~service.schemas.RewriteResponse`. Only the fields you set are sent, so the server's brand
profile can fill the rest. An error answer raises the repo's own types: 401 :class:`Unauthorized`,
403 :class:`Forbidden`, 404 :class:`NotFound`, 409 :class:`Conflict`, 413 :class:`InputTooLarge`, 429
:class:`Overloaded` (with ``retry_after``), other 4xx :class:`InputError` (with the ``field``); no
connection, a 5xx or an unexpected body :class:`ServiceError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import Any, Self

import httpx
from pydantic import ValidationError

from service.errors import (
    Conflict,
    Forbidden,
    InputError,
    InputTooLarge,
    NotFound,
    Overloaded,
    ServiceError,
    Unauthorized,
)
from service.schemas import RewriteRequest, RewriteResponse

DEFAULT_URL = "http://127.0.0.1:8000"
DEFAULT_TIMEOUT_S = 300.0

_BY_STATUS: dict[int, type[InputError]] = {
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    413: InputTooLarge,
}


def build_request(request: RewriteRequest | Mapping[str, Any] | None = None, **fields: Any) -> RewriteRequest:
    """A validated request from a request, a mapping and/or keywords (keywords win); :class:`InputError`
    naming the field when it is not one."""
    if isinstance(request, RewriteRequest) and not fields:
        return request
    base: dict[str, Any] = {}
    if isinstance(request, RewriteRequest):
        base = request.model_dump(exclude_unset=True)
    elif request is not None:
        base = dict(request)
    try:
        return RewriteRequest.model_validate({**base, **fields})
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(p) for p in error["loc"]) or "body"
        raise InputError(f"{field}: {error['msg']}", field=field) from None


def request_body(request: RewriteRequest) -> dict[str, Any]:
    """What is sent: the fields that were set, so defaults stay the server's (and its profile's) to choose."""
    body: dict[str, Any] = request.model_dump(mode="json", exclude_unset=True, exclude_none=True)
    return body


def error_for(response: httpx.Response, what: str) -> Exception:
    """The exception an error answer stands for."""
    status = response.status_code
    problem: dict[str, Any] = {}
    if response.headers.get("content-type", "").startswith("application/problem+json"):
        try:
            parsed = response.json()
        except ValueError:
            parsed = None
        problem = parsed if isinstance(parsed, dict) else {}
    detail = str(problem.get("detail") or response.text[:300] or response.reason_phrase)
    message = f"{what} answered {status}: {detail}"
    if not problem or status >= 500:
        return ServiceError(message)
    if status == 429:
        retry = response.headers.get("retry-after") or problem.get("retry_after") or 1
        return Overloaded(message, retry_after=int(retry), reason="rejected")
    errors = problem.get("errors") or [{}]
    field = errors[0].get("field") if isinstance(errors[0], dict) else None
    kind = _BY_STATUS.get(status, InputError)
    return kind(message, field=field)


def parse_response(response: httpx.Response, what: str) -> RewriteResponse:
    if response.status_code != 200:
        raise error_for(response, what)
    try:
        return RewriteResponse.model_validate(response.json())
    except ValueError as exc:  # not JSON, or JSON that is not a RewriteResponse
        raise ServiceError(f"{what} answered an invalid body: {exc}") from exc


class _Base:
    def __init__(self, base_url: str, api_key: str | None) -> None:
        self.base_url = base_url.rstrip("/")
        self.headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}

    def _url(self, path: str) -> str:
        return f"{self.base_url}{path}"


class Tactful(_Base):
    """A blocking client; ``http_client`` replaces its own ``httpx.Client`` (tests, proxies, pooling)."""

    def __init__(
        self,
        base_url: str = DEFAULT_URL,
        api_key: str | None = None,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        http_client: httpx.Client | None = None,
    ) -> None:
        super().__init__(base_url, api_key)
        self._owned = http_client is None
        self._http = http_client or httpx.Client(timeout=timeout_s, trust_env=False)

    def rewrite(self, request: RewriteRequest | Mapping[str, Any] | None = None, **fields: Any) -> RewriteResponse:
        body = request_body(build_request(request, **fields))
        url = self._url("/rewrite")
        try:
            response = self._http.post(url, json=body, headers=self.headers)
        except httpx.HTTPError as exc:
            raise ServiceError(f"POST {url} failed: {exc}") from exc
        return parse_response(response, f"POST {url}")

    def close(self) -> None:
        if self._owned:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()


class AsyncTactful(_Base):
    """The same client for asyncio; ``http_client`` replaces its own ``httpx.AsyncClient``."""

    def __init__(
        self,
        base_url: str = DEFAULT_URL,
        api_key: str | None = None,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(base_url, api_key)
        self._owned = http_client is None
        self._http = http_client or httpx.AsyncClient(timeout=timeout_s, trust_env=False)

    async def rewrite(
        self, request: RewriteRequest | Mapping[str, Any] | None = None, **fields: Any
    ) -> RewriteResponse:
        body = request_body(build_request(request, **fields))
        url = self._url("/rewrite")
        try:
            response = await self._http.post(url, json=body, headers=self.headers)
        except httpx.HTTPError as exc:
            raise ServiceError(f"POST {url} failed: {exc}") from exc
        return parse_response(response, f"POST {url}")

    async def aclose(self) -> None:
        if self._owned:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        await self.aclose()
