"""The llama.cpp parameters derived from settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.runtime import available_cpus
from service.runtime._params import (
    MODEL_ALIAS,
    PROMPT_CACHE_RAM_MIB,
    SLOT_PROMPT_SIMILARITY,
    common_params,
    runtime_config,
)
from service.settings import Settings

MODEL = Path("/models/m.gguf")


def test_zero_threads_means_every_available_cpu(settings: Settings) -> None:
    assert runtime_config(MODEL, settings, "k").threads == available_cpus() >= 1
    fixed = settings.model_copy(update={"embedded_threads": 3})
    assert runtime_config(MODEL, fixed, "k").threads == 3


def test_context_is_per_slot_times_slots(settings: Settings) -> None:
    cfg = runtime_config(
        MODEL, settings.model_copy(update={"embedded_parallel": 3, "embedded_ctx_per_slot": 2048}), "k"
    )
    assert (cfg.parallel, cfg.ctx_per_slot, cfg.ctx_total) == (3, 2048, 6144)


@pytest.mark.parametrize(("level", "verbosity"), [("debug", 3), ("info", 2), ("warning", 2), ("error", 1)])
def test_runtime_logs_are_quiet_unless_debug(settings: Settings, level: str, verbosity: int) -> None:
    cfg = runtime_config(MODEL, settings.model_copy(update={"log_level": level}), "k")
    assert cfg.verbosity == verbosity


def test_common_params_carry_the_config(settings: Settings) -> None:
    x = pytest.importorskip("xllamacpp")
    custom = settings.model_copy(
        update={"embedded_threads": 2, "embedded_parallel": 4, "embedded_ctx_per_slot": 3072, "embedded_port": 0}
    )
    p = common_params(x, runtime_config(MODEL, custom, "sk-secret"))
    assert p.model.path == str(MODEL)
    assert p.hostnames == ["127.0.0.1"] and p.port == 0
    assert p.api_keys == ["sk-secret"] and p.model_alias == {MODEL_ALIAS}
    assert (p.cpuparams.n_threads, p.cpuparams_batch.n_threads) == (2, 2)
    assert (p.n_parallel, p.n_ctx, p.kv_unified, p.kv_unified_per_slot) == (4, 4 * 3072, True, 3072)
    assert p.use_jinja and p.cache_prompt and not p.ui and not p.endpoint_slots and p.endpoint_metrics
    assert p.cache_ram_mib == PROMPT_CACHE_RAM_MIB
    assert p.slot_prompt_similarity == pytest.approx(SLOT_PROMPT_SIMILARITY)
    assert p.verbosity == 2
