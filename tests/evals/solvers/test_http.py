"""The HTTP solver posts the case's request to a running service."""

from __future__ import annotations

import json

import httpx
import pytest
import respx

from evals import GoldenCase
from evals.solvers import HttpSolver, ServiceError
from service.errors import InputTooLarge


async def test_posts_request_and_parses_response(zh_case: GoldenCase) -> None:
    body = {"reply": zh_case.reference, "locale": "zh", "degraded": False}
    route = respx.post("http://127.0.0.1:8000/rewrite").mock(return_value=httpx.Response(200, json=body))
    resp = await HttpSolver("http://127.0.0.1:8000/")(zh_case)
    assert resp.reply == zh_case.reference and route.called
    sent = json.loads(route.calls[0].request.content)
    assert sent["customer_message"] == zh_case.request.customer_message and "locale" not in sent


async def test_service_errors_are_clear(en_case: GoldenCase) -> None:
    problem = {"type": "x", "title": "Request too large", "status": 413, "detail": "the limit is 8000"}
    respx.post("http://127.0.0.1:8000/rewrite").mock(
        side_effect=[
            httpx.Response(413, json=problem, headers={"content-type": "application/problem+json"}),
            httpx.Response(502, text="bad gateway"),
            httpx.Response(200, json={"nope": 1}),
        ]
    )
    solver = HttpSolver("http://127.0.0.1:8000")
    with pytest.raises(InputTooLarge, match="413: the limit is 8000"):
        await solver(en_case)
    with pytest.raises(ServiceError, match="502"):
        await solver(en_case)
    with pytest.raises(ServiceError, match="invalid body"):
        await solver(en_case)
