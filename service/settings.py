"""All of Tactful's settings, in one place.

Every value can be set from the environment with the ``TACTFUL_`` prefix
(``TACTFUL_MODEL``, ``TACTFUL_API_BASE`` ...) or from a ``.env`` file. Nothing
else in the code base reads the environment for configuration: call
:func:`get_settings`.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

EMBEDDED_MODEL = "embedded"
"""Sentinel model name: the bundled Qwen2.5-Coder-1.5B GGUF served on loopback by xllamacpp (a child process)."""

StepName = Literal["read", "compose", "revise"]
"""Steps that call a model (their ``TACTFUL_STEP_MODELS`` keys); see service/chain/_steps.py."""


Scope = Literal["rewrite", "feedback", "admin"]
DEFAULT_SCOPES: tuple[Scope, ...] = ("rewrite", "feedback")
"""Scopes of a key that names none: it may rewrite and give feedback, not administer."""


_FRAME_SOURCE = re.compile(r"^(?:'self'|'none'|https?://(?:\*\.)?[A-Za-z0-9.-]+(?::(?:\d{1,5}|\*))?/?)$")
"""A CSP frame-ancestors source this service accepts: a keyword or a scheme://host[:port] origin."""


def _default_home() -> Path:
    return Path.home() / ".cache" / "tactful"


class ApiKey(BaseModel):
    """One client's key: the key itself, or ``sha256:<hex>`` of it, and what it may do."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: SecretStr
    scopes: tuple[Scope, ...] = DEFAULT_SCOPES
    profile: str | None = None
    """The brand profile of this key's requests when they name none."""

    @model_validator(mode="before")
    @classmethod
    def _plain(cls, v: object) -> object:
        return {"key": v} if isinstance(v, str) else v

    @field_validator("key")
    @classmethod
    def _usable(cls, v: SecretStr) -> SecretStr:
        raw = v.get_secret_value()
        if raw.startswith("sha256:"):
            digest = raw.removeprefix("sha256:")
            if len(digest) != 64 or any(c not in "0123456789abcdefABCDEF" for c in digest):
                raise ValueError("a sha256: key must be followed by 64 hex digits")
        elif len(raw) < 16:
            raise ValueError("a key must have at least 16 characters")
        return v


class FallbackModel(BaseModel):
    """A model to try when the step's own model is unavailable, times out or overflows its context."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str
    api_base: str | None = None
    api_key: SecretStr | None = None

    @model_validator(mode="before")
    @classmethod
    def _plain(cls, v: object) -> object:
        return {"model": v} if isinstance(v, str) else v


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``: addresses no other machine can reach."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


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
    fallback_models: list[FallbackModel] = Field(
        default_factory=list,
        description='Ordered fallbacks, JSON: ["openai/gpt-4o-mini", {"model": "ollama/qwen2.5", "api_base": '
        '"http://127.0.0.1:11434"}]; tried in turn when a call stays unavailable, times out or overflows.',
    )
    retry_max_wait_s: float = Field(
        20.0, gt=0, description="Longest wait before a retry, also when a provider's Retry-After asks for more."
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
    frame_ancestors: str = Field(
        "'self'",
        description="Who may embed the helpdesk app pages (/apps/...) in a frame: CSP frame-ancestors sources, "
        "space-separated ('self', https://chat.example.com, https://*.example.com). The chat box at / is never "
        "framed.",
    )

    # --- access ----------------------------------------------------------------------------
    api_keys: dict[str, ApiKey] = Field(
        default_factory=dict,
        description='Client keys, JSON: {"zendesk": "<key>", "ops": {"key": "sha256:<hex>", "scopes": ["admin"]}}; '
        "scopes rewrite, feedback, admin (default rewrite + feedback); a key may name a brand \"profile\". None set: "
        "open on loopback only.",
    )
    allow_anonymous: bool = Field(
        False, description="Serve without keys on a non-loopback address (otherwise the service refuses to start)."
    )
    id_secret: SecretStr | None = Field(
        None,
        description="Secret that signs rewrite ids (share it between replicas); default a random one kept in "
        "<data_dir>/id_secret.",
    )

    # --- admission -------------------------------------------------------------------------
    max_inflight: int | None = Field(
        None,
        ge=1,
        le=10_000,
        description="Rewrites served at once; default: the embedded runtime's capacity (its parallel slots over "
        "the calls one rewrite runs at once), or 16 for hosted models.",
    )
    max_queue: int | None = Field(
        None, ge=0, le=100_000, description="Rewrites that may wait for a place; default 2 x max_inflight. Beyond: 429."
    )
    rate_per_key: float | None = Field(
        None, gt=0, description="Per-key rate limit, rewrites per minute (token bucket); none by default."
    )
    rate_burst: int = Field(10, ge=1, description="Bucket size of the per-key rate limit.")
    redis_url: SecretStr | None = Field(
        None,
        description="redis://host:6379/0: per-key rate limits shared by every replica (one bucket per key in "
        "Redis); without it each process counts alone. Redis unreachable: requests pass (fail open), logged.",
    )

    # --- observability ---------------------------------------------------------------------
    log_content: bool = Field(
        False, description="Put customer text, draft and reply in the request log lines (off: ids and figures only)."
    )
    log_format: Literal["json", "text"] = Field("json", description="json: one JSON object per log line.")
    otel_exporter_otlp_endpoint: str | None = Field(
        None,
        validation_alias=AliasChoices("OTEL_EXPORTER_OTLP_ENDPOINT", "TACTFUL_OTEL_EXPORTER_OTLP_ENDPOINT"),
        description="OTLP/HTTP collector (http://host:4318): traces of every request and step are sent there.",
    )
    otel_service_name: str = Field(
        "tactful", validation_alias=AliasChoices("OTEL_SERVICE_NAME", "TACTFUL_OTEL_SERVICE_NAME")
    )

    # --- data ------------------------------------------------------------------------------
    data_dir: Path | None = Field(None, description="Where feedback.sqlite lives; default <home>/data.")
    database_url: SecretStr | None = Field(
        None,
        description="Feedback database: postgresql://user:password@host:5432/db (shared by replicas), or "
        "sqlite:///<path>; default the SQLite file <data_dir>/feedback.sqlite.",
    )
    prompts_dir: Path | None = Field(
        None, description="Prompt files; default: the set shipped in the package (prompts/ of the source tree)."
    )
    profiles_dir: Path | None = Field(
        None, description="Brand profiles; default: the set shipped in the package (profiles/ of the source tree)."
    )
    default_profile: str | None = Field(
        None, description="The profile of a request that names none and whose key has none; default: no profile."
    )
    feedback_retention_days: int | None = Field(
        None, ge=1, description="Feedback older than this is deleted and never exported; default: kept."
    )
    max_feedback_bytes: int = Field(
        256_000, ge=10_000, description="Largest /feedback body, bytes (also when sent chunked)."
    )

    log_level: Literal["debug", "info", "warning", "error"] = "info"

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, v: SecretStr | None) -> SecretStr | None:
        if v is not None and not v.get_secret_value().startswith(("sqlite:///", "postgresql://", "postgres://")):
            raise ValueError("TACTFUL_DATABASE_URL must start with postgresql:// or sqlite:///")
        return v

    @field_validator("redis_url")
    @classmethod
    def _known_redis(cls, v: SecretStr | None) -> SecretStr | None:
        if v is not None and not v.get_secret_value().startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("TACTFUL_REDIS_URL must start with redis://, rediss:// or unix://")
        return v

    # --- the terminal client (`tactful rewrite`) ---------------------------------------------
    client_url: str = Field("http://127.0.0.1:8000", description="The service `tactful rewrite` talks to (--url).")
    client_key: SecretStr | None = Field(
        None, description="The API key `tactful rewrite` sends (--key), so it need not be typed on the command line."
    )

    @field_validator("frame_ancestors")
    @classmethod
    def _frame_sources(cls, v: str) -> str:
        sources = v.split()
        if not sources:
            raise ValueError("name at least one source ('self' or 'none' to forbid framing)")
        for source in sources:
            if not _FRAME_SOURCE.match(source):
                raise ValueError(
                    f"not a frame-ancestors source: {source!r} (use 'self', 'none', or origins like "
                    "https://chat.example.com)"
                )
        if "'none'" in sources and len(sources) > 1:
            raise ValueError("'none' cannot be combined with other sources")
        return " ".join(sources)

    def model_for(self, step: StepName) -> str:
        return self.step_models.get(step, self.model)

    @property
    def resolved_data_dir(self) -> Path:
        return self.data_dir or self.home / "data"

    @property
    def max_body_bytes(self) -> int:
        """Largest body of a rewrite request: the text budget in UTF-8 plus room for the JSON around it."""
        return self.max_input_chars * 4 + 64_000

    @property
    def open_without_keys(self) -> bool:
        """No keys configured and either loopback or explicitly allowed: every request is anonymous."""
        return not self.api_keys and (self.allow_anonymous or is_loopback(self.host))


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
