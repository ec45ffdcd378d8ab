"""The llama.cpp server parameters Tactful runs with, derived from settings.

Measured with xllamacpp 2026.10.11549 (see tests/runtime): the prompt cache reuses a
repeated prompt prefix on whichever slot last served it, so alternating step prompts
(analyse, empathy, plan ...) only pay for their new tokens.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.settings import Settings

MODEL_ALIAS = "embedded"
"""Name the runtime answers to in /v1/models (litellm model ``openai/embedded``)."""

PROMPT_CACHE_RAM_MIB = 1024
"""Host-memory prompt cache (llama.cpp's default is 8 GiB, too much for a small box)."""

SLOT_PROMPT_SIMILARITY = 0.1
"""A request goes to the idle slot whose cached prompt shares at least this fraction of it."""

_VERBOSITY = {"debug": 3, "info": 2, "warning": 2, "error": 1}
"""llama.cpp log thresholds: 1 errors, 2 warnings, 3 info (per-request timings), 4 debug (per token)."""


@dataclass(frozen=True)
class RuntimeConfig:
    """Everything that decides how the runtime is started, in plain values."""

    model_path: Path
    threads: int
    parallel: int
    ctx_per_slot: int
    port: int
    verbosity: int
    api_key: str
    host: str = "127.0.0.1"
    """Loopback for the service's own runtime; a model server for replicas (``serve-http``) binds wider."""

    @property
    def ctx_total(self) -> int:
        return self.parallel * self.ctx_per_slot


def available_cpus() -> int:
    """CPUs this process may run on (respects container cpusets), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def runtime_config(model_path: Path, settings: Settings, api_key: str) -> RuntimeConfig:
    return RuntimeConfig(
        model_path=model_path,
        threads=settings.embedded_threads or available_cpus(),
        parallel=settings.embedded_parallel,
        ctx_per_slot=settings.embedded_ctx_per_slot,
        port=settings.embedded_port,
        verbosity=_VERBOSITY[settings.log_level],
        api_key=api_key,
    )


def common_params(x: Any, config: RuntimeConfig) -> Any:
    """An ``xllamacpp.CommonParams`` for ``config``; ``x`` is the imported xllamacpp module."""
    p = x.CommonParams()
    p.model.path = str(config.model_path)
    p.model_alias = {MODEL_ALIAS}
    p.hostnames = [config.host]  # loopback unless it is a model server for replicas (serve-http)
    p.port = config.port  # 0: the server binds a free port itself
    p.api_keys = [config.api_key]  # other local processes and browser pages cannot use it
    p.ui = False
    p.endpoint_slots = False
    p.endpoint_metrics = True  # needed by EmbeddedRuntime's start-up ping (behind the API key)
    p.verbosity = config.verbosity

    p.cpuparams.n_threads = config.threads
    p.cpuparams_batch.n_threads = config.threads
    p.n_parallel = config.parallel
    p.n_ctx = config.ctx_total
    p.kv_unified = True  # one KV pool shared by the slots ...
    p.kv_unified_per_slot = config.ctx_per_slot  # ... but no request takes more than its share
    p.use_jinja = True

    p.cache_prompt = True
    p.cache_ram_mib = PROMPT_CACHE_RAM_MIB
    p.slot_prompt_similarity = SLOT_PROMPT_SIMILARITY
    return p
