"""What each model step answers: small JSON objects (short output = fast on a CPU model)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from service.taxonomy import EmotionLabel


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ReadOut(_Out):
    """The read step: classify and extract; the phrasing layer writes the reply from it."""

    emotion: EmotionLabel
    intensity: int = Field(ge=1, le=5)
    evidence: str = Field(max_length=4, description="id of the customer clause that shows the feeling (C1 ...)")
    situation: list[str] = Field(
        min_length=1, max_length=3, description="ids of the clauses that tell the customer's situation (C1 ...)"
    )
    best: str = Field(max_length=4, description="id of the most helpful policy fact (P1 ...) or none")


class ComposeOut(_Out):
    reply: str = Field(min_length=1, max_length=1600)
