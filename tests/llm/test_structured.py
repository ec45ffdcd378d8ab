from __future__ import annotations

import pytest
from pydantic import BaseModel

from service.errors import InvalidModelOutput
from service.llm import (
    FakeGenerator,
    GenerateRequest,
    ModelTarget,
    extract_json,
    generate_structured,
    schema_for,
)


class Out(BaseModel):
    label: str
    score: int


REQ = GenerateRequest(
    target=ModelTarget(model="fake"),
    messages=[{"role": "user", "content": "x"}],
    schema={},
    schema_name="out",
)


def test_extract_json_tolerates_fences_and_chatter() -> None:
    assert extract_json('```json\n{"a": 1}\n```') == '{"a": 1}'
    assert extract_json('Sure! {"a": {"b": 2}} hope it helps') == '{"a": {"b": 2}}'


def test_schema_for_drops_titles() -> None:
    schema = schema_for(Out)
    assert "title" not in schema and "title" not in schema["properties"]["label"]
    assert schema["required"] == ["label", "score"]


async def test_valid_first_time() -> None:
    fake = FakeGenerator({"out": [{"label": "a", "score": 1}]})
    res = await generate_structured(fake, REQ, Out)
    assert res.value == Out(label="a", score=1) and res.attempts == 1


async def test_reasks_once_with_the_problems() -> None:
    fake = FakeGenerator({"out": ['{"label": "a"}', {"label": "a", "score": 2}]})
    res = await generate_structured(fake, REQ, Out)
    assert res.value.score == 2 and res.attempts == 2
    second = fake.calls[1].messages
    assert second[-2] == {"role": "assistant", "content": '{"label": "a"}'}
    assert "score" in second[-1]["content"]


async def test_invalid_twice_raises_with_body_and_attempts() -> None:
    fake = FakeGenerator({"out": ["nope", "still nope"]})
    with pytest.raises(InvalidModelOutput) as info:
        await generate_structured(fake, REQ, Out)
    assert info.value.attempts == 2 and info.value.body == "still nope"
