"""A deployment under test: ``POST {url}/rewrite`` on a running Tactful service, through :mod:`service.client`."""

from __future__ import annotations

import httpx

from evals._dataset import GoldenCase
from service.client import AsyncTactful
from service.errors import ServiceError
from service.schemas import RewriteResponse

__all__ = ["HttpSolver", "ServiceError"]


class HttpSolver:
    """Each case's request as set in its file (defaults left to the service); the client's errors propagate:
    :class:`ServiceError` for no answer or a bad one, an ``InputError`` subclass for a 4xx problem."""

    def __init__(
        self,
        url: str,
        *,
        timeout_s: float = 300.0,
        client: httpx.AsyncClient | None = None,
        api_key: str | None = None,
    ) -> None:
        self.url = url.rstrip("/")
        self.timeout_s = timeout_s
        self.api_key = api_key
        self._client = client

    async def __call__(self, case: GoldenCase) -> RewriteResponse:
        async with AsyncTactful(self.url, self.api_key, timeout_s=self.timeout_s, http_client=self._client) as tactful:
            return await tactful.rewrite(case.request)
