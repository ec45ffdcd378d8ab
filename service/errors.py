"""Tactful's exception tree, documented in one place.

::

    TactfulError
    ├── ConfigError                 bad settings or prompt files; raised at start-up
    │   ├── PromptError             a prompt file or variable is missing or invalid
    │   └── ProfileError            a brand profile file is invalid, or a setting names an unknown profile
    ├── InputError                  the request cannot be served as sent (-> 4xx problem+json)
    │   ├── InputTooLarge           above settings.max_input_chars or a body limit (-> 413)
    │   ├── Unauthorized            no key, or a key this service does not know (-> 401)
    │   ├── Forbidden               a known key without the scope the route needs (-> 403)
    │   ├── NotFound                no such record for this key (-> 404)
    │   ├── Conflict                already stored for this id and key (-> 409)
    │   ├── Overloaded              no place in flight or in the queue, or over the key's rate (-> 429)
    │   └── StoreUnavailable        the feedback database cannot be reached just now (-> 503; try again)
    ├── ModelError                  a model call failed; carries status, body, attempts and a ``kind``
    │   ├── ModelUnavailable        connection refused, DNS, 5xx, 429 after all retries
    │   │   └── MalformedResponse   the provider answered, but not with a chat completion
    │   ├── ModelTimeout            the call did not finish in settings.timeout_s
    │   ├── ContextOverflow         the prompt does not fit the model's context
    │   ├── InvalidModelOutput      output not valid JSON for the schema, even after one re-ask
    │   └── ModelCallsForbidden     a real call was attempted while the test switch forbids it
    ├── ServiceError                (client side) a Tactful service could not be reached, failed, or
    │                               answered something that is not a Tactful answer
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


class ProfileError(ConfigError):
    pass


class InputError(TactfulError):
    status: int = 422

    def __init__(self, detail: str, *, field: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.field = field


class InputTooLarge(InputError):
    status = 413


class Unauthorized(InputError):
    status = 401


class Forbidden(InputError):
    status = 403


class NotFound(InputError):
    status = 404


class Conflict(InputError):
    status = 409


class Overloaded(InputError):
    """Shed load: ``retry_after`` (whole seconds) is sent as the ``Retry-After`` header."""

    status = 429

    def __init__(self, detail: str, *, retry_after: int, reason: str) -> None:
        super().__init__(detail)
        self.retry_after = max(1, int(retry_after))
        self.reason = reason


class StoreUnavailable(InputError):
    """The feedback database is down or locked: nothing was stored, the client may send the same again."""

    status = 503


class ModelError(TactfulError):
    """A model call failed.

    ``status`` is the provider's HTTP status when there was one, ``body`` its
    response text (truncated), ``attempts`` how many calls were made in all. ``kind`` names the
    failure in traces, logs and metrics (``model_unavailable``, ``model_timeout`` ...).
    """

    kind = "model_error"

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
    kind = "model_unavailable"


class MalformedResponse(ModelUnavailable):
    kind = "malformed_response"


class ModelTimeout(ModelError):
    kind = "model_timeout"


class ContextOverflow(ModelError):
    kind = "context_overflow"


class InvalidModelOutput(ModelError):
    kind = "invalid_output"


class ModelCallsForbidden(ModelError):
    kind = "model_calls_forbidden"


class ServiceError(TactfulError):
    """Raised by :mod:`service.client`: no connection, a 5xx, or a body that is not what the API promises.
    A 4xx problem+json is raised as its own :class:`InputError` subclass instead."""


class RuntimeStartError(TactfulError):
    pass


class StartCancelled(TactfulError):
    """Raised by the runtime's assembly or load when a stop was requested meanwhile (not a failure)."""
