"""What each model step must answer: small JSON objects with length limits (short output = fast)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from service.taxonomy import EmotionLabel


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AnalysisOut(_Out):
    emotion: EmotionLabel
    intensity: int = Field(ge=1, le=5)
    evidence: list[str] = Field(max_length=2, description="short quotes copied from the customer message")
    details: list[str] = Field(min_length=1, max_length=4, description="the customer's concrete specifics")
    need: str = Field(max_length=80, description="what the customer needs most")


class EmpathyOut(_Out):
    text: str = Field(min_length=4, max_length=220)
    details: list[str] = Field(min_length=1, max_length=3)


class StepOut(_Out):
    action: str = Field(max_length=100)
    measure: str = Field(max_length=100)
    deadline: str = Field(max_length=50)
    owner: Literal["agent", "customer", "team"]
    source: str = Field(max_length=20, description="P1, P2 ... or agent_commitment")


class PlanOut(_Out):
    steps: list[StepOut] = Field(min_length=1, max_length=3)


class ComposeOut(_Out):
    reply: str = Field(min_length=1, max_length=1200)


class ListenOut(AnalysisOut):
    """Fast shape: the analysis and the empathy sentence in one answer."""

    empathy: str = Field(min_length=4, max_length=200)


class SoftenOut(_Out):
    text: str = Field(max_length=900)
