"""The fake model stays in step with the chain: its answers validate, and the service runs on it."""

from __future__ import annotations

import httpx
import pytest
from pydantic import BaseModel

from service.chain import STEPS
from tests.fakes import CANNED, FakeOpenAI

OUTPUTS: dict[str, type[BaseModel]] = {s.schema_name: s.output for s in STEPS if s.output is not None}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_canned_answer_is_valid_output(language: str) -> None:
    assert set(CANNED[language]) == set(OUTPUTS)
    for name, model in OUTPUTS.items():
        model.model_validate(CANNED[language][name])


async def _ask(client: httpx.AsyncClient, schema_name: str, message: str) -> httpx.Response:
    body = {
        "model": "stub",
        "messages": [
            {"role": "system", "content": "rules"},
            {"role": "user", "content": "<customer_message>示例</customer_message>"},  # a worked example
            {"role": "assistant", "content": "{}"},
            {"role": "user", "content": f"<customer_message>{message}</customer_message>"},
        ],
        "response_format": {"type": "json_schema", "json_schema": {"name": schema_name, "schema": {}}},
    }
    return await client.post("/v1/chat/completions", json=body)


async def test_answers_by_schema_name_and_language_and_fails_on_demand() -> None:
    fake = FakeOpenAI()
    transport = httpx.ASGITransport(app=fake.app())
    async with httpx.AsyncClient(transport=transport, base_url="http://fake") as client:
        en = await _ask(client, "read", "My parcel is late")
        assert en.status_code == 200
        assert en.json()["choices"][0]["message"]["content"].startswith('{"emotion": "frustration"')
        zh = await _ask(client, "compose", "我的快递还没到")
        assert "加急工单" in zh.json()["choices"][0]["message"]["content"]
        assert (await _ask(client, "unknown", "hi")).status_code == 400
        fake.fail = True
        assert (await _ask(client, "compose", "hi")).status_code == 503
    assert fake.names() == ["read", "compose", "unknown", "compose"]
    assert [c.language for c in fake.calls] == ["en", "zh", "en", "en"]
