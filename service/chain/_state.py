"""The state one rewrite carries through the chain; every step reads it and fills its own part."""

from __future__ import annotations

from dataclasses import dataclass, field

from service.chain._deps import Emit
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
    emotion: Emotion | None = None
    details: list[str] = field(default_factory=list)
    core_need: str | None = None
    empathy: Empathy | None = None
    plan: list[PlanStep] = field(default_factory=list)
    body: str | None = None
    """Fast shape: the draft's content rewritten by the soften step, before assembly."""
    reply: str | None = None
    checks: list[Check] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    trace: list[TraceEntry] = field(default_factory=list)
    cost_usd: float | None = None
    failed: list[str] = field(default_factory=list)
    """Steps whose model call failed for good; any entry makes the response degraded."""
    revised: bool = False

    @property
    def degraded(self) -> bool:
        return bool(self.failed)

    @property
    def policy_ids(self) -> dict[str, str]:
        return {f"P{i}": fact for i, fact in enumerate(self.request.policy, start=1)}

    async def publish(self, type_: EventType, data: dict[str, object]) -> None:
        if self.emit is not None:
            await self.emit(ChainEvent(type=type_, data=data))
