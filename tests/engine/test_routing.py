"""Model routing: embedded steps go to the runtime (URL, token, llguidance), others to the provider."""

from __future__ import annotations

from pathlib import Path

from service.engine import EMBEDDED_TARGET_MODEL, Endpoint, build_deps, build_targets, uses_embedded
from service.llm import FakeGenerator
from service.settings import Settings


def test_embedded_targets_carry_the_runtime_token(tmp_path: Path) -> None:
    settings = Settings(model="embedded", step_models={"read": "openai/gpt-4o-mini"}, api_key="sk-provider")
    runtime = Endpoint(url="http://127.0.0.1:5555/v1", api_key="sk-runtime", label="embedded:tiny")
    targets = build_targets(settings, runtime)
    compose = targets["compose"]
    assert (compose.model, compose.api_base, compose.api_key, compose.label, compose.constrain) == (
        EMBEDDED_TARGET_MODEL, runtime.url, "sk-runtime", "embedded:tiny", "llguidance",
    )  # fmt: skip
    read = targets["read"]
    assert (read.model, read.api_key, read.constrain) == ("openai/gpt-4o-mini", "sk-provider", "response_format")


def test_without_a_runtime_embedded_steps_have_no_url() -> None:
    compose = build_targets(Settings(model="embedded"))["compose"]
    assert compose.api_base is None and compose.label == "embedded" and compose.model == EMBEDDED_TARGET_MODEL


def test_hosted_models_go_to_the_configured_base() -> None:
    settings = Settings(model="openai/m", api_base="http://model.test/v1")
    assert {t.api_base for t in build_targets(settings).values()} == {"http://model.test/v1"}


def test_uses_embedded_looks_at_every_step() -> None:
    assert uses_embedded(Settings(model="embedded"))
    assert uses_embedded(Settings(model="openai/m", step_models={"revise": "embedded"}))
    assert not uses_embedded(Settings(model="openai/m"))


def test_build_deps_loads_the_prompts_and_binds_the_targets(tmp_path: Path) -> None:
    settings = Settings(model="openai/m", home=tmp_path)
    fake = FakeGenerator()
    deps = build_deps(settings, fake)
    assert deps.generate is fake and deps.settings is settings
    assert deps.prompts["read"].name == "read" and deps.target("compose").model == "openai/m"
    assert "钟女士" in deps.examples, "the prompts' example markers reach the final gate"
