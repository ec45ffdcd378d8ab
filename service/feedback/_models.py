"""What the page sends when an agent rates, edits or accepts a rewrite, and what is stored."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from service.feedback._ids import REWRITE_ID_PATTERN
from service.schemas import RewriteRequest, RewriteResponse

Rating = Literal["up", "down"]

LIST_LIMITS = {"plan": 20, "checks": 40, "warnings": 40, "trace": 60}
"""Most items a posted response may carry per list (a rewrite makes far fewer)."""
NESTED_LIMIT = 20
"""Most evidence quotes or empathy details a posted response may carry."""


class FeedbackIn(BaseModel):
    """One agent's first verdict on one rewrite: ``id`` is the ``id`` of that ``/rewrite`` response.

    Stored once per id and key; later changes (a rating, then an edit, then acceptance) are new
    versions through ``PATCH /feedback/{id}``.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str = Field(pattern=REWRITE_ID_PATTERN, description="The signed `id` of the /rewrite response.")
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

    @model_validator(mode="after")
    def _bounded(self) -> FeedbackIn:
        r = self.response
        for name, limit in LIST_LIMITS.items():
            if len(getattr(r, name)) > limit:
                raise ValueError(f"response.{name} has more than {limit} items")
        nested = [*(r.emotion.evidence if r.emotion else []), *(r.empathy.details if r.empathy else [])]
        if len(nested) > 2 * NESTED_LIMIT:
            raise ValueError(f"response evidence and details have more than {2 * NESTED_LIMIT} items")
        return self


class FeedbackUpdate(BaseModel):
    """A later change to stored feedback: appended as a new version, earlier ones are kept."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    rating: Rating | None = None
    reason: str | None = Field(None, max_length=1000)
    final_reply: str | None = Field(None, max_length=6000)
    accepted: bool | None = None

    @model_validator(mode="after")
    def _changes_something(self) -> FeedbackUpdate:
        if self.model_dump(exclude_none=True) == {}:
            raise ValueError("give at least one of rating, reason, final_reply, accepted")
        return self


class FeedbackSaved(BaseModel):
    id: str
    version: int = Field(description="1 for the first verdict; each PATCH appends the next.")
    created: bool = Field(description="True for the first version, false for an appended one.")


class FeedbackRecord(BaseModel):
    """A stored record as its latest version says: the verdict, the rewrite it is about, who and when."""

    id: str
    key: str = Field(description="Name of the API key that gave the feedback.")
    version: int
    created_at: str
    updated_at: str
    issued_at: str | None = None
    rating: Rating | None = None
    reason: str | None = None
    request: RewriteRequest
    response: RewriteResponse
    final_reply: str | None = None
    accepted: bool = False

    @property
    def reference_reply(self) -> str:
        """The reply the agent stood behind: the edited one if any, else the one the service gave."""
        return self.final_reply or self.response.reply
