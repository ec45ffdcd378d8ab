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
    situation: str = Field(max_length=110, description="the customer's situation in a few words, agent's voice")
    best: str = Field(max_length=4, description="id of the most helpful policy fact (P1 ...) or none")


class ComposeOut(_Out):
    reply: str = Field(min_length=1, max_length=1600)
