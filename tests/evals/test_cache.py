"""Record once, replay deterministically; a missing recording names the case and the step."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals import CachingGenerator, MissingRecording, RecordingStore, Sample, current_sample, request_key
from service.errors import ConfigError, ModelTimeout
from service.llm import FakeGenerator, GenerateRequest, ModelTarget


def _request(text: str = "您好", model: str = "openai/embedded", schema_name: str = "analysis") -> GenerateRequest:
    return GenerateRequest(
        target=ModelTarget(model=model, api_base="http://127.0.0.1:1/v1", api_key="k1"),
        messages=[{"role": "user", "content": text}],
        schema={"type": "object"},
        schema_name=schema_name,
        prompt="analyse@1",
    )


def test_key_depends_on_what_determines_the_answer() -> None:
    base = request_key(_request())
    assert base == request_key(_request())
    # where the model runs and with which key does not change the answer
    moved = _request()
    moved = GenerateRequest(**{**moved.__dict__, "target": ModelTarget("openai/embedded", "http://x/v1", "k2")})
    assert request_key(moved) == base
    assert request_key(_request(text="hello")) != base
    assert request_key(_request(model="openai/gpt-4o-mini")) != base
    assert request_key(_request(schema_name="plan")) != base
    assert request_key(_request(), repeat=1) != base


async def test_record_then_replay(tmp_path: Path) -> None:
    store = RecordingStore(tmp_path, fresh=True)
    fake = FakeGenerator({"analysis": [{"emotion": "anger"}, ModelTimeout("slow", attempts=2)]})
    recorder = CachingGenerator(fake, store, "record", "chain--embedded")
    token = current_sample.set(Sample("case-zh"))
    try:
        first = await recorder(_request("一"))
        with pytest.raises(ModelTimeout):
            await recorder(_request("二"))
    finally:
        current_sample.reset(token)
    (path,) = store.save()
    assert path == tmp_path / "chain--embedded" / "case-zh.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["case"] == "case-zh" and len(doc["calls"]) == 2

    replayer = CachingGenerator(None, RecordingStore(tmp_path), "replay", "chain--embedded")
    token = current_sample.set(Sample("case-zh"))
    try:
        again = await replayer(_request("一"))
        with pytest.raises(ModelTimeout) as failure:
            await replayer(_request("二"))
    finally:
        current_sample.reset(token)
    assert again.text == first.text and again.prompt_tokens == first.prompt_tokens
    assert failure.value.attempts == 2 and replayer.hits == 2


async def test_replay_miss_names_case_and_step(tmp_path: Path) -> None:
    replayer = CachingGenerator(None, RecordingStore(tmp_path), "replay", "chain--embedded")
    token = current_sample.set(Sample("refund-en-two-emails", repeat=1))
    try:
        with pytest.raises(MissingRecording) as miss:
            await replayer(_request(schema_name="plan"))
    finally:
        current_sample.reset(token)
    message = str(miss.value)
    assert "refund-en-two-emails" in message and "repeat 1" in message and "'plan'" in message
    assert "analyse@1" in message and "--cache record" in message
    assert replayer.misses[Sample("refund-en-two-emails", 1)] == [message]


async def test_auto_records_only_what_is_missing(tmp_path: Path) -> None:
    fake = FakeGenerator({"analysis": [{"n": 1}, {"n": 2}]})
    auto = CachingGenerator(fake, RecordingStore(tmp_path), "auto", "v")
    token = current_sample.set(Sample("c"))
    try:
        a = await auto(_request("x"))
        b = await auto(_request("x"))
        c = await auto(_request("y"))
    finally:
        current_sample.reset(token)
    assert a.text == b.text == '{"n": 1}' and c.text == '{"n": 2}'
    assert len(fake.calls) == 2 and auto.hits == 1 and auto.recorded == 2


def test_modes_are_checked(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="needs a model"):
        CachingGenerator(None, RecordingStore(tmp_path), "record", "v")
    with pytest.raises(ConfigError, match="cache mode"):
        CachingGenerator(None, RecordingStore(tmp_path), "sometimes", "v")  # type: ignore[arg-type]


def test_unreadable_recording_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "v").mkdir()
    (tmp_path / "v" / "c.json").write_text("{not json")
    with pytest.raises(ConfigError, match="unreadable recording"):
        RecordingStore(tmp_path).get("v", "c", "k")


async def test_call_cancelled_by_the_time_budget_replays_as_timeout(tmp_path: Path) -> None:
    import asyncio

    from service.llm import GenerateResult

    async def slow(request: GenerateRequest) -> GenerateResult:
        await asyncio.sleep(10)
        raise AssertionError("not reached")

    store = RecordingStore(tmp_path, fresh=True)
    recorder = CachingGenerator(slow, store, "record", "v")
    token = current_sample.set(Sample("c"))
    try:
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.01):
                await recorder(_request())
    finally:
        current_sample.reset(token)
    store.save()
    replayer = CachingGenerator(None, RecordingStore(tmp_path), "replay", "v")
    token = current_sample.set(Sample("c"))
    try:
        with pytest.raises(ModelTimeout, match="time budget"):
            await replayer(_request())
    finally:
        current_sample.reset(token)
