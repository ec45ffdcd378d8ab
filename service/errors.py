"""Tactful's exception tree, documented in one place.

::

    TactfulError
    ├── ConfigError                 bad settings or prompt files; raised at start-up
    │   └── PromptError             a prompt file or variable is missing or invalid
    ├── InputError                  the request cannot be served as sent (-> 4xx problem+json)
    │   └── InputTooLarge           above settings.max_input_chars (-> 413)
    ├── ModelError                  a model call failed; carries status, body and attempts
    │   ├── ModelUnavailable        connection refused, DNS, 5xx, 429 after all retries
    │   ├── ModelTimeout            the call did not finish in settings.timeout_s
    │   ├── InvalidModelOutput      output not valid JSON for the schema, even after one re-ask
    │   └── ModelCallsForbidden     a real call was attempted while the test switch forbids it
    ├── RuntimeStartError           the embedded runtime could not be assembled or started
    └── StartCancelled              a stop was asked for while the runtime was being assembled or loaded

API routes never let a ModelError escape: the chain catches it and returns the draft
with ``degraded: true``.
"""

from __future__ import annotations


class TactfulError(Exception):
    """Base of every error Tactful raises on purpose."""


class ConfigError(TactfulError):
    pass


class PromptError(ConfigError):
    pass


class InputError(TactfulError):
    status: int = 422

    def __init__(self, detail: str, *, field: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.field = field


class InputTooLarge(InputError):
    status = 413


class ModelError(TactfulError):
    """A model call failed.

    ``status`` is the provider's HTTP status when there was one, ``body`` its
    response text (truncated), ``attempts`` how many calls were made in all.
    """

    def __init__(
        self,
        message: str,
        *,
        model: str = "",
        status: int | None = None,
        body: str | None = None,
        attempts: int = 1,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.model = model
        self.status = status
        self.body = body[:2000] if body else body
        self.attempts = attempts

    def __str__(self) -> str:
        parts = [self.message]
        if self.model:
            parts.append(f"model={self.model}")
        if self.status is not None:
            parts.append(f"status={self.status}")
        parts.append(f"attempts={self.attempts}")
        return " ".join(parts)


class ModelUnavailable(ModelError):
    pass


class ModelTimeout(ModelError):
    pass


class InvalidModelOutput(ModelError):
    pass


class ModelCallsForbidden(ModelError):
    pass


class RuntimeStartError(TactfulError):
    pass


class StartCancelled(TactfulError):
    """Raised by the runtime's assembly or load when a stop was requested meanwhile (not a failure)."""
