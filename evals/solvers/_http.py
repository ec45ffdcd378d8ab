"""A deployment under test: ``POST {url}/rewrite`` on a running Tactful service."""

from __future__ import annotations

import httpx

from evals._dataset import GoldenCase
from service.errors import TactfulError
from service.schemas import RewriteResponse


class ServiceError(TactfulError):
    """The service answered with an error or with something that is not a RewriteResponse."""


class HttpSolver:
    def __init__(self, url: str, *, timeout_s: float = 300.0, client: httpx.AsyncClient | None = None) -> None:
        self.url = url.rstrip("/")
        self.timeout_s = timeout_s
        self._client = client

    async def __call__(self, case: GoldenCase) -> RewriteResponse:
        body = case.request.model_dump(mode="json", exclude_none=True)
        if self._client is not None:
            return self._parse(await self._client.post(f"{self.url}/rewrite", json=body))
        async with httpx.AsyncClient(timeout=self.timeout_s, trust_env=False) as client:
            return self._parse(await client.post(f"{self.url}/rewrite", json=body))

    def _parse(self, response: httpx.Response) -> RewriteResponse:
        if response.status_code != 200:
            raise ServiceError(f"POST {self.url}/rewrite answered {response.status_code}: {response.text[:300]}")
        try:
            return RewriteResponse.model_validate(response.json())
        except ValueError as exc:
            raise ServiceError(f"POST {self.url}/rewrite answered an invalid body: {exc}") from exc
