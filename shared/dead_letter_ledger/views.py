"""What the dead-letter API takes and answers: entries without payloads, the payload only
as a reveal's answer."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, Field, StringConstraints, model_validator

from shared.dead_letter_ledger.entries import State
from shared.security.audit import Moment

__all__ = [
    "Attempt",
    "Entry",
    "Filter",
    "Listing",
    "Name",
    "Payload",
    "ReplayOutcome",
    "ReplayRequest",
    "Step",
    "WithReason",
]

Name = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.:-]{1,200}$")]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=500)]


class Step(BaseModel):
    action: str  # dead_lettered, dead_lettered_again, replayed, discarded, revealed
    by: str  # the consumer, or the administrator's subject
    why: str
    at: datetime


class Attempt(BaseModel):
    n: int
    at: datetime
    by: str
    outcome: str  # pending, processed, already_processed, not_handled, dead_lettered
    reason: str | None = None


class Entry(BaseModel):
    id: str = Field(validation_alias="_id")
    consumer: str
    topic: str
    partition: int
    offset: int
    key: str | None
    event_type: str | None
    event_id: str | None
    reason: str
    detail: str
    state: State
    dead_lettered_at: datetime
    first_dead_lettered_at: datetime
    history: list[Step]
    attempts: list[Attempt]


class Listing(BaseModel):
    total: int
    by_state: dict[str, int]
    by_reason: dict[str, int]
    entries: list[Entry]


class Filter(BaseModel):
    consumer: Name | None = None
    topic: Name | None = None
    reason: Name | None = None
    event_type: Name | None = None
    state: State | None = None
    since: Moment | None = None
    until: Moment | None = None


class WithReason(BaseModel):
    reason: Reason


class ReplayRequest(WithReason):
    ids: list[Name] | None = Field(default=None, min_length=1, max_length=1000)
    filter: Filter | None = None

    @model_validator(mode="after")
    def one_selection(self) -> ReplayRequest:
        if (self.ids is None) == (self.filter is None):
            raise ValueError("give either ids or a filter")
        return self


class ReplayOutcome(BaseModel):
    replayed: list[dict[str, Any]]  # {"id", "attempt"}
    skipped: list[dict[str, str]]  # {"id", "why"}: not_found, discarded


class Payload(BaseModel):
    id: str
    key: str | None
    value: str  # as UTF-8, undecodable bytes replaced
    value_base64: str
    headers: dict[str, str]
