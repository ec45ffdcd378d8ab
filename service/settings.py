"""All of Tactful's settings, in one place.

Every value can be set from the environment with the ``TACTFUL_`` prefix
(``TACTFUL_MODEL``, ``TACTFUL_API_BASE`` ...) or from a ``.env`` file. Nothing
else in the code base reads the environment for configuration: call
:func:`get_settings`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

EMBEDDED_MODEL = "embedded"
"""Sentinel model name: the bundled Qwen2.5-Coder-1.5B GGUF served on loopback by xllamacpp (a child process)."""

StepName = Literal["read", "compose", "revise"]
"""Steps that call a model (their ``TACTFUL_STEP_MODELS`` keys); see service/chain/_steps.py."""


def _default_home() -> Path:
    return Path.home() / ".cache" / "tactful"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TACTFUL_", env_file=".env", extra="ignore")

    # --- model gateway -------------------------------------------------------------------
    model: str = Field(
        EMBEDDED_MODEL,
        description="litellm model name (openai/gpt-4o-mini, ollama/qwen2.5, hosted_vllm/..., "
        "anthropic/...) or 'embedded' for the bundled offline model.",
    )
    api_base: str | None = Field(None, description="Base URL of an OpenAI-compatible endpoint.")
    api_key: SecretStr | None = Field(None, description="API key for the provider, if it needs one.")
    step_models: dict[StepName, str] = Field(
        default_factory=dict,
        description='Per-step model override, JSON: {"read": "openai/gpt-4o-mini"} (steps: read, compose, revise).',
    )
    temperature: float = Field(0.2, ge=0.0, le=2.0)
    timeout_s: float = Field(60.0, gt=0, description="Timeout of one model call, seconds.")
    retries: int = Field(2, ge=0, le=6, description="Retries of a transient provider error (tenacity).")
    retry_backoff_s: float = Field(0.5, ge=0, description="First backoff between retries, seconds.")
    chain_mode: Literal["auto", "full", "fast"] = Field(
        "auto",
        description="fast: read (one model call) -> realise (phrasing layer) -> verify; full: read -> realise -> "
        "compose (the model rewrites the assembled reply) -> verify (-> revise); auto: fast for 'embedded'.",
    )
    chain_timeout_s: float = Field(
        180.0, gt=0, description="Whole-chain budget; past it the draft comes back degraded."
    )
    shutdown_grace_s: float = Field(
        5.0,
        ge=0,
        le=60,
        description="On SIGTERM or Ctrl-C, rewrites in flight get this long to finish; then they are "
        "answered with the draft, degraded. 0: at once.",
    )

    # --- embedded runtime ------------------------------------------------------------------
    home: Path = Field(default_factory=_default_home, description="Cache and data directory.")
    embedded_model_path: Path | None = Field(
        None, description="Use this GGUF instead of assembling the bundled one (e.g. a smaller model)."
    )
    embedded_threads: int = Field(0, ge=0, description="CPU threads for the runtime; 0 = all cores.")
    embedded_parallel: int = Field(4, ge=1, le=16, description="Parallel slots: concurrent steps batch.")
    embedded_ctx_per_slot: int = Field(3072, ge=512, description="Context tokens per slot.")
    embedded_port: int = Field(0, ge=0, le=65535, description="Loopback port for the runtime; 0 = any.")

    # --- HTTP service ----------------------------------------------------------------------
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    max_input_chars: int = Field(
        8000, ge=100, description="Total characters of draft + message + history + policy; above: 413."
    )
    cors_origins: list[str] = Field(default_factory=list)

    # --- data ------------------------------------------------------------------------------
    data_dir: Path | None = Field(None, description="Where feedback.sqlite lives; default <home>/data.")
    prompts_dir: Path | None = Field(
        None, description="Prompt files; default: the set shipped in the package (prompts/ of the source tree)."
    )

    log_level: Literal["debug", "info", "warning", "error"] = "info"

    def model_for(self, step: StepName) -> str:
        return self.step_models.get(step, self.model)

    @property
    def resolved_data_dir(self) -> Path:
        return self.data_dir or self.home / "data"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
