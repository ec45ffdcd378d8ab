"""The ``/rewrite`` contract: request, response and the events streamed on the way."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from service.taxonomy import EmotionLabel

Channel = Literal["chat", "email", "sms", "phone"]
Language = Literal["zh", "en"]
Tone = Literal["warm", "formal", "concise"]
Greeting = Literal["auto", "formal", "friendly", "none"]
"""auto: by channel (Dear/您好 on email, Hi on chat); formal: Dear / 尊敬的…您好; friendly: Hi / …您好; none."""

AGENT_COMMITMENT = "agent_commitment"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Turn(_Strict):
    role: Literal["customer", "agent"]
    text: str = Field(min_length=1, max_length=4000)


class Person(_Strict):
    name: str | None = Field(None, max_length=80)
    signature: str | None = Field(None, max_length=200)


class RewriteOptions(_Strict):
    tone: Tone = "warm"
    max_length: int | None = Field(
        None, ge=40, le=4000, description="Upper bound on the reply, in characters."
    )
    greeting: Greeting = Field(
        "auto", description="auto (by channel), formal (Dear / 尊敬的…您好), friendly (Hi / …您好), none."
    )


class RewriteRequest(_Strict):
    draft: str = Field(min_length=1, max_length=6000, description="The agent's rough draft.")
    customer_message: str = Field(min_length=1, max_length=6000)
    history: list[Turn] = Field(default_factory=list, max_length=30)
    policy: list[str] = Field(
        default_factory=list, max_length=20, description="Facts the reply and plan may rely on."
    )
    channel: Channel = "chat"
    locale: Language | None = Field(
        None, description="zh, en, zh-CN, en-US ...; detected from the customer message when absent."
    )
    customer: Person | None = None
    agent: Person | None = None
    options: RewriteOptions = Field(default_factory=RewriteOptions)
    profile: str | None = Field(
        None,
        max_length=40,
        description="Brand profile (GET /profiles): its standing policy facts, signature, greeting, tone and "
        "wording rules apply. Default: the key's profile, else TACTFUL_DEFAULT_PROFILE.",
    )

    @field_validator("policy")
    @classmethod
    def _policy_items(cls, v: list[str]) -> list[str]:
        items = [p.strip() for p in v if p.strip()]
        if any(len(p) > 1000 for p in items):
            raise ValueError("each policy fact must be at most 1000 characters")
        return items

    @field_validator("locale", mode="before")
    @classmethod
    def _locale(cls, v: object) -> object:
        if v is None or not isinstance(v, str) or not v.strip():
            return None if v is None or isinstance(v, str) else v
        lang = v.strip().lower().replace("_", "-").split("-")[0]
        if lang not in ("zh", "en"):
            raise ValueError("locale must be Chinese (zh, zh-CN ...) or English (en, en-US ...)")
        return lang

    def total_chars(self) -> int:
        return (
            len(self.draft)
            + len(self.customer_message)
            + sum(len(t.text) for t in self.history)
            + sum(len(p) for p in self.policy)
        )


class Emotion(_Strict):
    label: EmotionLabel
    intensity: int = Field(ge=1, le=5)
    evidence: list[str] = Field(default_factory=list, description="Quotes from the customer's message.")


class Empathy(_Strict):
    text: str
    details: list[str] = Field(
        default_factory=list, description="The customer's own specifics the sentence refers to."
    )


class PlanStep(_Strict):
    action: str
    measure: str
    deadline: str
    owner: str
    source: str = Field(
        description=f"The policy fact the step rests on, or '{AGENT_COMMITMENT}' for the agent to confirm."
    )


class Finding(_Strict):
    """One thing a check found, typed, so that repairs, warnings and the UI need not parse text.

    ``text`` is the finding's value; ``span`` locates it in the field named by ``where`` when the
    check matched it there (``None`` when the value is not a run of that field, e.g. a draft fact the
    reply lost). The text is kept exactly as found (not stripped), so that the span and the value agree."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, frozen=True)

    kind: str = Field(description="what it is: platitude, pressure, unsupported_figure, injected_text ...")
    text: str = Field(description="the offending text (the value), as it appears")
    where: str = Field("reply", description="reply, empathy, plan or draft")
    source: str | None = Field(None, description="what it was compared with, when it matters")
    span: tuple[int, int] | None = Field(
        None, description="start and end offsets of the finding in the field `where` names, when located there"
    )


class Check(_Strict):
    name: str
    passed: bool
    detail: str = ""
    hard: bool = Field(False, description="a failure sends the draft back instead of this reply")
    findings: list[Finding] = Field(default_factory=list)


class TraceEntry(_Strict):
    step: str
    prompt: str = Field(description="prompt name@version")
    model: str
    latency_ms: int
    prompt_tokens: int = 0
    completion_tokens: int = 0
    attempts: int = 1
    ok: bool = True
    error: str | None = None
    error_kind: str | None = Field(
        None, description="model_unavailable, model_timeout, context_overflow, invalid_output ... when not ok"
    )


class Usage(_Strict):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    model_calls: int = 0
    cost_usd: float | None = None


class RewriteResponse(_Strict):
    id: str | None = Field(
        None,
        description="Server-issued, signed id of this rewrite; POST /feedback names it. Absent outside the API.",
    )
    reply: str
    locale: Language
    emotion: Emotion | None = None
    core_need: str | None = None
    empathy: Empathy | None = None
    plan: list[PlanStep] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    degraded: bool = False
    degraded_reason: str | None = Field(
        None,
        description="When degraded: model_unavailable, model_timeout, context_overflow, invalid_output, "
        "chain_timeout, internal_error ...",
    )
    revised: bool = False
    trace: list[TraceEntry] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)
    elapsed_ms: int = 0


EventType = Literal["emotion", "empathy", "plan", "reply", "checks", "done", "error"]


class ChainEvent(BaseModel):
    """One event of ``/rewrite/stream``; ``done`` carries the full RewriteResponse."""

    type: EventType
    data: dict[str, Any]
