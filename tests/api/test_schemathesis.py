"""Schemathesis against /openapi.json on the fake model: no server errors, every 4xx is problem+json
(OpenAI's error envelope on /v1/...).

Each operation gets ``EXAMPLES`` generated requests (positive and negative data); the last test checks
that at least 500 requests were made in all, so a schema that shrinks cannot make this pass vacuously.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import Case
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from service.api.main import create_app
from service.language import detect_language
from service.llm import GenerateRequest, GenerateResult
from service.settings import Settings
from tests.fakes import CANNED

EXAMPLES = 50
MIN_REQUESTS = 500
SEEN: dict[str, int] = {"requests": 0, "4xx": 0, "2xx": 0}


async def canned(request: GenerateRequest) -> GenerateResult:
    """Always an answer: the canned JSON of the customer message's language for the step's schema."""
    user = next((m["content"] for m in reversed(request.messages) if m["role"] == "user"), "")
    language = detect_language(user)
    answer = CANNED[language].get(request.schema_name, {})
    text = json.dumps(answer, ensure_ascii=False)
    return GenerateResult(text=text, model="fake", prompt_tokens=10, completion_tokens=10)


HOME = Path(tempfile.mkdtemp(prefix="tactful-schemathesis-"))
APP = create_app(Settings(model="openai/fake", home=HOME, chain_mode="full", max_inflight=64), generate=canned)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schemathesis.check
def problem_json_for_client_errors(ctx: Any, response: Any, case: Case) -> bool | None:
    if 400 <= response.status_code < 500:
        content_type = response.headers.get("content-type", [""])
        content_type = content_type[0] if isinstance(content_type, list) else content_type
        if case.path.startswith("/v1/"):  # the OpenAI-compatible routes answer in OpenAI's error envelope
            assert content_type.startswith("application/json"), f"{response.status_code} is {content_type}"
            error = response.json()["error"]
            assert error["message"] and error["type"] and "param" in error and "code" in error
            return None
        assert content_type.startswith("application/problem+json"), f"{response.status_code} is {content_type}"
        body = response.json()
        assert body["status"] == response.status_code and body["title"] and body["detail"]
        assert body["request_id"], "every problem names its request"
    return None


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api(case: Case) -> None:
    response = case.call()
    SEEN["requests"] += 1
    if 400 <= response.status_code < 500:
        SEEN["4xx"] += 1
    elif response.status_code < 300:
        SEEN["2xx"] += 1
    case.validate_response(
        response,
        checks=[not_a_server_error, problem_json_for_client_errors, content_type_conformance,
                response_schema_conformance],
    )


def test_enough_requests_were_generated() -> None:
    print(f"schemathesis: {SEEN['requests']} requests, {SEEN['2xx']} 2xx, {SEEN['4xx']} 4xx, 0 5xx")
    assert SEEN["requests"] >= MIN_REQUESTS, SEEN
    assert SEEN["2xx"] > 50 and SEEN["4xx"] > 50, SEEN
