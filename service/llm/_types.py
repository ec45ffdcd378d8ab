"""What a model call takes and gives, independent of any provider library."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol


@dataclass(frozen=True)
class ModelTarget:
    """Where one step's calls go."""

    model: str
    """litellm model name as sent, e.g. ``openai/gpt-4o-mini`` or ``openai/embedded``."""
    api_base: str | None = None
    api_key: str | None = field(default=None, repr=False)
    """The provider key: never in ``repr``, logs or errors."""
    label: str = ""
    """Name shown in traces (``embedded:qwen2.5-coder-1.5b``); defaults to ``model``."""
    constrain: Literal["response_format", "llguidance"] = "response_format"
    """How the JSON schema is enforced: OpenAI ``response_format`` (any provider), or a compact
    llguidance grammar for llama.cpp servers (no whitespace in the JSON: fewer tokens to decode)."""

    @property
    def display(self) -> str:
        return self.label or self.model


@dataclass(frozen=True)
class GenerateRequest:
    target: ModelTarget
    messages: list[dict[str, str]]
    schema: dict[str, Any]
    schema_name: str
    prompt: str = ""
    """name@version of the prompt file behind the messages (for traces and recording keys)."""
    max_tokens: int = 400
    temperature: float = 0.2
    timeout_s: float = 60.0
    on_partial: Callable[[str], Awaitable[None]] | None = field(default=None, compare=False)
    """If set, the answer is streamed and this gets the text so far after every chunk."""


@dataclass
class GenerateResult:
    text: str
    model: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    attempts: int = 1
    latency_ms: int = 0
    cost_usd: float | None = None
    raw: dict[str, Any] = field(default_factory=dict)


class Generator(Protocol):
    """Anything that turns a request into text: litellm, a fake, a recorder."""

    async def __call__(self, request: GenerateRequest) -> GenerateResult: ...
