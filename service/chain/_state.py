"""The state one rewrite carries through the chain; every step reads it and fills its own part."""

from __future__ import annotations

from dataclasses import dataclass, field

from service.chain._deps import Emit
from service.phrasing import DraftParts
from service.schemas import (
    ChainEvent,
    Check,
    Emotion,
    Empathy,
    EventType,
    Language,
    PlanStep,
    RewriteRequest,
    TraceEntry,
)


@dataclass
class RewriteState:
    request: RewriteRequest
    language: Language
    emit: Emit | None = None
    seed: str = ""
    """Stable per request: picks phrasing variants."""
    emotion: Emotion | None = None
    picked: tuple[str, ...] = ()
    """The customer's clauses the read step picked as their situation."""
    situation: str | None = None
    """The customer's situation in the agent's words (validated), or None."""
    best: str | None = None
    """The policy fact id the model judged most helpful."""
    core_need: str | None = None
    empathy: Empathy | None = None
    plan: list[PlanStep] = field(default_factory=list)
    draft: DraftParts | None = None
    assembled: str | None = None
    """The reply the phrasing layer put together (the fast shape's answer, the full shape's fallback)."""
    reply: str | None = None
    checks: list[Check] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    trace: list[TraceEntry] = field(default_factory=list)
    cost_usd: float | None = None
    failed: list[str] = field(default_factory=list)
    """Why the response must fall back to the draft (a step failed for good, the final gate refused)."""
    revised: bool = False

    @property
    def degraded(self) -> bool:
        return bool(self.failed)

    async def publish(self, type_: EventType, data: dict[str, object]) -> None:
        if self.emit is not None:
            await self.emit(ChainEvent(type=type_, data=data))
