"""HTTP in for the dead-letter ledger, the administrator's only: list, look, reveal, replay,
discard. Every service that consumes mounts it with one line (``dead_letter_routes``).

Listings and entries never carry the payload; ``reveal`` returns it to an administrator
who gives a reason, and that use is written to the access log (a malformed message may
carry anything). Replays and discards are recorded in the entry with who and why.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, status

from shared.dead_letter_ledger.entries import State
from shared.dead_letter_ledger.ledger import LedgerFilter
from shared.dead_letter_ledger.views import (
    Entry,
    Filter,
    Listing,
    Name,
    Payload,
    ReplayOutcome,
    ReplayRequest,
    WithReason,
)
from shared.security.access import Access, Outcome

if TYPE_CHECKING:
    from shared.runtime import ServiceRuntime

__all__ = ["dead_letter_routes"]


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
