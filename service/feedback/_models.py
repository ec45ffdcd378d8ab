"""What the page sends when an agent rates, edits or accepts a rewrite, and what is stored."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from service.schemas import RewriteRequest, RewriteResponse

Rating = Literal["up", "down"]

FEEDBACK_ID_PATTERN = r"^[A-Za-z0-9_-]{8,64}$"


class FeedbackIn(BaseModel):
    """One agent's verdict on one rewrite.

    The page creates ``id`` when the rewrite finishes and posts again with the same id as the agent
    rates, edits and accepts: the record is updated, not duplicated.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str | None = Field(
        None,
        pattern=FEEDBACK_ID_PATTERN,
        description="Client-chosen id of this rewrite; posting again with it updates the record.",
    )
    rating: Rating | None = Field(None, description="Thumbs up or down.")
    reason: str | None = Field(None, max_length=1000, description="Why, in the agent's words (optional).")
    request: RewriteRequest
    response: RewriteResponse
    final_reply: str | None = Field(
        None, max_length=6000, description="The reply as the agent edited it or accepted it."
    )
    accepted: bool = Field(False, description="The agent accepted the reply (as edited) to send.")

    @model_validator(mode="after")
    def _says_something(self) -> FeedbackIn:
        if self.rating is None and not self.accepted:
            raise ValueError("give a rating (up or down) or accept the reply")
        if self.reason == "":
            self.reason = None
        if self.final_reply == "":
            self.final_reply = None
        return self


class FeedbackSaved(BaseModel):
    id: str
    created: bool = Field(description="True for a new record, false when an existing one was updated.")


class FeedbackRecord(FeedbackIn):
    """A stored record: the posted feedback plus its id and timestamps (ISO 8601, UTC)."""

    id: str
    created_at: str
    updated_at: str

    @property
    def reference_reply(self) -> str:
        """The reply the agent stood behind: the edited one if any, else the one the service gave."""
        return self.final_reply or self.response.reply
