"""HTTP in for the dead-letter ledger, the administrator's only: list, look, reveal, replay,
discard. Every service that consumes mounts it with one line (``dead_letter_routes``).

Listings and entries never carry the payload; ``reveal`` returns it to an administrator
who gives a reason, and that use is written to the access log (a malformed message may
carry anything). Replays and discards are recorded in the entry with who and why.
"""

from __future__ import annotations

import base64
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, status
from pydantic import BaseModel, Field, StringConstraints, model_validator

from shared.dead_letter_ledger.entries import State
from shared.dead_letter_ledger.ledger import LedgerFilter
from shared.security.access import Access, Outcome
from shared.security.audit import Moment

if TYPE_CHECKING:
    from shared.runtime import ServiceRuntime

__all__ = ["dead_letter_routes"]

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


def dead_letter_routes(runtime: ServiceRuntime) -> APIRouter:
    router = APIRouter(tags=["dead letters"])
    gate, ledger, replays = runtime.gate, runtime.dead_letter_ledger, runtime.replays

    @router.get(
        "/dead-letters",
        response_model=Listing,
        summary="List dead letters",
        description=(
            "This service's dead letters, newest first, by consumer, original topic, reason, "
            "event type, state (new, replayed, discarded) and time dead-lettered (since, "
            "until); with the counts of all that match by state and by reason. No payloads."
        ),
    )
    async def listing(
        where: Annotated[Filter, Query()],
        limit: int = Query(default=100, ge=1, le=1000),
        access: Access = Depends(gate),
    ) -> Listing:
        found = LedgerFilter(**where.model_dump())
        counts = await ledger.counts(found)
        entries = await ledger.search(found, limit=limit)
        total = sum(counts["by_state"].values())
        return Listing(total=total, **counts, entries=[Entry(**e) for e in entries])

    @router.get(
        "/dead-letters/{entry_id}",
        response_model=Entry,
        summary="One dead letter",
        description="Its reason, state, who did what with it and why, each replay. No payload.",
    )
    async def entry(entry_id: Name, access: Access = Depends(gate)) -> Entry:
        found = await ledger.get(entry_id)
        if found is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "No such dead letter.")
        return Entry(**found)

    @router.post(
        "/dead-letters/{entry_id}/reveal",
        response_model=Payload,
        summary="Reveal a dead letter's payload (logged, with a reason)",
        description=(
            "The original key, bytes and headers. A malformed message may carry anything, "
            "personal data included: the reason is kept in the entry and the use is written "
            "to the access log. 404 once discarded (the payload is erased)."
        ),
    )
    async def reveal(entry_id: Name, body: WithReason, access: Access = Depends(gate)) -> Payload:
        payload = await ledger.revealed(entry_id, by=access.who.subject, why=body.reason)
        if payload is None:
            await access.settle(Outcome.NOT_FOUND)
            raise HTTPException(status.HTTP_404_NOT_FOUND, "No such payload (or discarded).")
        await access.grant(record_id=entry_id)
        value = bytes(payload["value"])
        key = payload["key"]
        return Payload(
            id=entry_id,
            key=bytes(key).decode(errors="replace") if key is not None else None,
            value=value.decode(errors="replace"),
            value_base64=base64.b64encode(value).decode(),
            headers=payload["headers"],
        )

    @router.post(
        "/dead-letters/replay",
        response_model=ReplayOutcome,
        status_code=status.HTTP_202_ACCEPTED,
        summary="Replay dead letters after a fix (by ids or a filter)",
        description=(
            "Each one is sent again through the outbox to this service's replay topic and "
            "consumed with its original topic's handlers: an event already processed has no "
            "second effect; one still invalid comes back as a dead letter on the same entry. "
            "202: accepted, the attempts' outcomes appear in the entries. Discarded and unknown "
            "ids are skipped, with why."
        ),
    )
    async def replay(body: ReplayRequest, access: Access = Depends(gate)) -> ReplayOutcome:
        if body.filter is not None:
            ids = await ledger.ids(LedgerFilter(**body.filter.model_dump()), limit=1000)
        else:
            ids = list(body.ids or [])
        done = await replays.replay(ids, by=access.who.subject, why=body.reason)
        return ReplayOutcome(
            replayed=[{"id": r.entry_id, "attempt": r.attempt} for r in done if r.attempt],
            skipped=[{"id": r.entry_id, "why": r.skipped} for r in done if r.skipped],
        )

    @router.post(
        "/dead-letters/{entry_id}/discard",
        response_model=Entry,
        summary="Discard a dead letter",
        description="Give up on it, with a reason; its payload is erased. 409 if discarded.",
    )
    async def discard(entry_id: Name, body: WithReason, access: Access = Depends(gate)) -> Entry:
        found = await ledger.get(entry_id)
        if found is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "No such dead letter.")
        if found["state"] == State.DISCARDED:
            raise HTTPException(status.HTTP_409_CONFLICT, "Already discarded.")
        discarded = await ledger.discard(entry_id, by=access.who.subject, why=body.reason)
        return Entry(**(discarded or found))

    return router
