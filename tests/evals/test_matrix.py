"""The model matrix: solvers x models x prompt dirs (+ URLs), each variant with its own recordings."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals import Matrix, MatrixSpec, variants_for
from service.errors import ConfigError
from service.llm import FakeGenerator
from service.settings import Settings


def test_matrix_crosses_solvers_models_and_prompt_dirs(tmp_path: Path, settings: Settings) -> None:
    other = tmp_path / "other"
    other.mkdir()
    spec = MatrixSpec(
        solvers=["chain", "baseline"],
        models=["embedded", "openai/gpt-4o-mini"],
        prompts_dirs=[Path("prompts"), other],
        urls=["http://127.0.0.1:8000"],
    )
    names = [v.name for v in variants_for(spec, settings)]
    assert names == [
        "chain:embedded:prompts", "chain:embedded:other",
        "chain:openai/gpt-4o-mini:prompts", "chain:openai/gpt-4o-mini:other",
        "baseline:embedded:prompts", "baseline:embedded",  # other/ has no baseline.yaml: the default one
        "baseline:openai/gpt-4o-mini:prompts", "baseline:openai/gpt-4o-mini",
        "http:http://127.0.0.1:8000",
    ]  # fmt: skip
    slugs = [v.slug for v in variants_for(spec, settings)]
    assert slugs[2] == "chain--openai-gpt-4o-mini--prompts" and len(set(slugs)) == len(slugs)


def test_defaults_to_the_settings_model(settings: Settings) -> None:
    (variant,) = variants_for(MatrixSpec(), settings)
    assert variant.name == "chain:openai/test-model" and variant.slug == "chain--openai-test-model"
    with pytest.raises(ConfigError, match="nothing to evaluate"):
        variants_for(MatrixSpec(solvers=[]), settings)


async def test_replay_needs_no_model_and_no_runtime(tmp_path: Path) -> None:
    settings = Settings(model="embedded", home=tmp_path)
    spec = MatrixSpec(solvers=["chain", "baseline"], cache_mode="replay", recordings=tmp_path)

    def no_model() -> FakeGenerator:
        raise AssertionError("replay must not create a model client")

    async with Matrix(spec, settings, generator_factory=no_model) as matrix:
        runs = matrix.build()
        assert [r.name for r in runs] == ["chain:embedded", "baseline:embedded"]
        assert all(r.cache is not None and r.cache.mode == "replay" and r.cache.inner is None for r in runs)
        assert matrix.engine is None
    assert await matrix.close() == []


async def test_a_live_run_goes_through_the_engine_and_stops_it(tmp_path: Path) -> None:
    settings = Settings(model="openai/test-model", home=tmp_path)
    spec = MatrixSpec(solvers=["chain"], cache_mode="off", recordings=tmp_path)
    fake = FakeGenerator()
    async with Matrix(spec, settings, generator_factory=lambda: fake) as matrix:
        (run,) = matrix.build()
        engine = matrix.engine
        assert engine is not None and engine.runtime is None  # a hosted model: no runtime to start
        assert run.cache is not None and run.cache.inner is engine.generate and engine.gate.inner is fake
    assert engine.phase == "stopped" and matrix.engine is None


def test_settings_per_variant_override_model_and_prompts(tmp_path: Path) -> None:
    settings = Settings(model="embedded", step_models={"read": "openai/x"}, home=tmp_path)
    spec = MatrixSpec(models=["openai/gpt-4o-mini"], prompts_dirs=[tmp_path], cache_mode="replay")
    matrix = Matrix(spec, settings)
    s = matrix.settings_for(matrix.variants[0])
    assert s.model == "openai/gpt-4o-mini" and s.step_models == {} and s.prompts_dir == tmp_path
