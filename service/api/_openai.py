"""The OpenAI chat-completions contract as Tactful reads and answers it.

A tool with a configurable OpenAI base URL sends ``messages``; Tactful reads them as a support case:

- the **last** message must be the ``user``'s: it is the agent's **draft**;
- the turns before it are the conversation: ``user`` (or ``customer``) turns are the customer's,
  ``assistant`` (or ``agent``) turns the agent's; the customer's last consecutive turns before the draft
  are the **customer message**, everything earlier the **history** (its last 30 turns);
- ``system``/``developer`` messages are the calling tool's own instructions and are not used: the chain
  has its own prompts (and an instruction there must not steer the reply);
- the ``tactful`` extension object (``extra_body={"tactful": {...}}`` in the OpenAI SDKs) carries the rest
  of a ``/rewrite`` request: ``customer_message``, ``history``, ``policy``, ``channel``, ``locale``,
  ``profile``, ``customer``, ``agent``, ``options``; OpenAI's own ``metadata`` (string values) may carry
  ``policy`` (a JSON list or one fact per line), ``channel``, ``locale``, ``profile``
  and ``customer_message``. ``tactful`` wins over ``metadata``, both over what the messages say;
- a ``model`` of ``tactful:<profile>`` selects that brand profile (for tools that can only set a model).

The answer is a ``chat.completion`` whose content is the reply (the draft when degraded); the whole
``/rewrite`` response rides along in its ``tactful`` field.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from service.errors import InputError
from service.schemas import Person, RewriteOptions, RewriteRequest, RewriteResponse, Turn

MODEL_ID = "tactful"
"""The model name ``/v1/models`` lists; any name is accepted (tools often send their own default)."""

PROFILE_MODEL_PREFIX = f"{MODEL_ID}:"
"""``tactful:<profile>`` as the model name selects that brand profile (for tools that can only set a model)."""

CUSTOMER_ROLES = frozenset({"user", "customer"})
IGNORED_ROLES = frozenset({"system", "developer", "tool", "function"})
MAX_HISTORY = 30


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="ignore")

    type: str
    text: str | None = None


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="ignore")

    role: Literal["system", "developer", "user", "assistant", "tool", "function", "customer", "agent"]
    content: str | list[ContentPart] | None = None
    name: str | None = None

    def text(self) -> str:
        if isinstance(self.content, str):
            return self.content.strip()
        parts = [p.text for p in self.content or [] if p.type == "text" and p.text]
        return "\n".join(parts).strip()


class TactfulFields(BaseModel):
    """The ``tactful`` extension: what a ``/rewrite`` request has beyond the messages (all optional)."""

    model_config = ConfigDict(extra="forbid")

    customer_message: str | None = None
    history: list[Turn] | None = None
    policy: list[str] = Field(default_factory=list, max_length=20)
    channel: str | None = None
    locale: str | None = None
    profile: str | None = None
    customer: Person | None = None
    agent: Person | None = None
    options: RewriteOptions | None = None


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="ignore")

    include_usage: bool = False


class ChatCompletionRequest(BaseModel):
    """OpenAI's request body; parameters Tactful has no use for (temperature, tools ...) are ignored."""

    model_config = ConfigDict(extra="ignore")

    model: str = MODEL_ID
    messages: list[ChatMessage] = Field(min_length=1, max_length=200)
    stream: bool = False
    stream_options: StreamOptions | None = None
    n: int | None = Field(None, ge=1, le=1, description="only one choice is ever written")
    metadata: dict[str, Any] | None = None
    tactful: TactfulFields | None = None

    @property
    def include_usage(self) -> bool:
        return bool(self.stream_options and self.stream_options.include_usage)


def _meta(metadata: dict[str, Any] | None, key: str) -> str | None:
    value = (metadata or {}).get(key)
    return str(value).strip() or None if value is not None else None


def _meta_policy(metadata: dict[str, Any] | None) -> list[str]:
    raw = (metadata or {}).get("policy")
    if raw is None:
        return []
    if isinstance(raw, list):
        return [str(p) for p in raw]
    text = str(raw).strip()
    if text.startswith("["):
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError:
            parsed = None
        if isinstance(parsed, list):
            return [str(p) for p in parsed]
    return [line for line in text.splitlines() if line.strip()]


def _turns(messages: list[ChatMessage]) -> list[Turn]:
    turns: list[Turn] = []
    for m in messages:
        text = m.text()
        if m.role in IGNORED_ROLES or not text:
            continue
        turns.append(Turn(role="customer" if m.role in CUSTOMER_ROLES else "agent", text=text[:4000]))
    return turns


def _split_customer(turns: list[Turn]) -> tuple[str | None, list[Turn]]:
    """The customer's last consecutive turns (joined) and the turns before them."""
    end = len(turns)
    start = end
    while start > 0 and turns[start - 1].role == "customer":
        start -= 1
    if start == end:
        return None, turns
    return "\n".join(t.text for t in turns[start:end]), turns[:start]


def to_rewrite_request(chat: ChatCompletionRequest) -> RewriteRequest:
    """The ``/rewrite`` request these messages and fields describe; :class:`InputError` naming the
    offending parameter when they do not describe one."""
    spoken = [(i, m) for i, m in enumerate(chat.messages) if m.role not in IGNORED_ROLES]
    if not spoken or spoken[-1][1].role not in CUSTOMER_ROLES:
        raise InputError("the last message must be the user's: the agent's draft to rewrite", field="messages")
    index, last = spoken[-1]
    draft = last.text()
    if not draft:
        raise InputError("the draft (the last user message) is empty", field=f"messages.{index}.content")
    ext = chat.tactful or TactfulFields()
    said, earlier = _split_customer(_turns(chat.messages[:index]))
    customer_message = ext.customer_message or _meta(chat.metadata, "customer_message")
    history = earlier if customer_message is None else _turns(chat.messages[:index])
    customer_message = customer_message or said
    if not customer_message:
        raise InputError(
            "no customer message: send the customer's message(s) as user turns before the draft, "
            "or as tactful.customer_message",
            field="messages",
        )
    fields: dict[str, Any] = {
        "draft": draft,
        "customer_message": customer_message,
        "history": [t.model_dump() for t in (ext.history if ext.history is not None else history)[-MAX_HISTORY:]],
        "policy": [*_meta_policy(chat.metadata), *ext.policy],
    }
    for name in ("channel", "locale", "profile"):
        value = getattr(ext, name) or _meta(chat.metadata, name)
        if value is not None:
            fields[name] = value
    if "profile" not in fields and chat.model.startswith(PROFILE_MODEL_PREFIX):
        fields["profile"] = chat.model.removeprefix(PROFILE_MODEL_PREFIX)
    for name in ("customer", "agent", "options"):
        value = getattr(ext, name)
        if value is not None:
            fields[name] = value.model_dump(exclude_unset=True, exclude_none=True)  # unset: the profile's
    try:
        return RewriteRequest.model_validate(fields)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise InputError(f"{error['msg']}", field=_where(error["loc"], index)) from None


def _where(loc: tuple[int | str, ...], draft_index: int) -> str:
    """The request parameter behind a field of the mapped ``/rewrite`` request."""
    head = str(loc[0]) if loc else "body"
    if head == "draft":
        return f"messages.{draft_index}.content"
    if head in ("customer_message", "history"):
        return "messages"
    return ".".join(["tactful", *(str(p) for p in loc)])


# --- the answer ---------------------------------------------------------------------------------


class AssistantMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class Choice(BaseModel):
    index: int = 0
    message: AssistantMessage
    finish_reason: Literal["stop"] = "stop"
    logprobs: None = None


class CompletionUsage(BaseModel):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class ChatCompletion(BaseModel):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[Choice]
    usage: CompletionUsage
    system_fingerprint: str | None = None
    tactful: RewriteResponse = Field(
        description="The full /rewrite response: emotion, empathy, plan, checks, degraded, trace, id (for feedback)."
    )


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int
    owned_by: str = "tactful"


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]


def usage_of(response: RewriteResponse) -> CompletionUsage:
    u = response.usage
    return CompletionUsage(
        prompt_tokens=u.prompt_tokens, completion_tokens=u.completion_tokens, total_tokens=u.total_tokens
    )


def completion(response: RewriteResponse, *, cid: str, created: int, model: str) -> ChatCompletion:
    return ChatCompletion(
        id=cid,
        created=created,
        model=model,
        choices=[Choice(message=AssistantMessage(content=response.reply))],
        usage=usage_of(response),
        tactful=response,
    )


def chunk(
    cid: str, created: int, model: str, delta: dict[str, str], finish_reason: str | None = None, **extra: Any
) -> dict[str, Any]:
    choice = {"index": 0, "delta": delta, "finish_reason": finish_reason, "logprobs": None}
    return {
        "id": cid,
        "object": "chat.completion.chunk",
        "created": created,
        "model": model,
        "choices": [choice],
        **extra,
    }


# --- errors -------------------------------------------------------------------------------------

ERROR_TYPES: dict[int, str] = {401: "authentication_error", 403: "permission_error", 429: "rate_limit_error"}
ERROR_CODES: dict[int, str] = {
    400: "invalid_request",
    401: "invalid_api_key",
    403: "insufficient_scope",
    404: "not_found",
    405: "method_not_allowed",
    413: "request_too_large",
    429: "rate_limit_exceeded",
    500: "internal_error",
    503: "unavailable",
}

ERROR_SCHEMA: dict[str, Any] = {
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["error"],
                "properties": {
                    "error": {
                        "type": "object",
                        "required": ["message", "type", "param", "code"],
                        "properties": {
                            "message": {"type": "string"},
                            "type": {"type": "string"},
                            "param": {"type": ["string", "null"]},
                            "code": {"type": ["string", "null"]},
                        },
                    }
                },
            }
        }
    }
}


def is_openai_path(path: str) -> bool:
    return path == "/v1" or path.startswith("/v1/")


def error_status(status: int) -> int:
    """Bad input is 400 on the OpenAI routes (as OpenAI answers it), not 422."""
    return 400 if status == 422 else status


def error_envelope(status: int, message: str, param: str | None = None) -> dict[str, Any]:
    kind = ERROR_TYPES.get(status, "server_error" if status >= 500 else "invalid_request_error")
    return {"error": {"message": message, "type": kind, "param": param, "code": ERROR_CODES.get(status)}}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` entry of an OpenAI route that can answer with these error statuses."""
    return {status: {**ERROR_SCHEMA, "description": ERROR_CODES.get(status, "error")} for status in statuses}
