"""The durable timer: one document per timer in the welfare group's own store.

A timer is ``pending`` until one replica settles it, in the same transaction as the event
it fires (or as the decision that it no longer matters). Settling is a conditional update
on ``state: pending``: of two replicas racing for one timer, exactly one matches, so each
timer fires once however many replicas run, and a replica that was down simply finds
its overdue timers still pending when it comes back.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from services.welfare_group.domain.timers import Timer, TimerKind, TimerState
from shared.storage import ASCENDING, Index, Session, Store

__all__ = ["TIMERS", "TimerRepository"]

TIMERS = "timers"


def _document(timer: Timer) -> dict[str, Any]:
    return {
        "case_id": str(timer.case_id),
        "kind": timer.kind.value,
        "due_on": timer.due_on.isoformat(),
        "fire_at": timer.fire_at.astimezone(UTC),
        "stale_at": timer.stale_at.astimezone(UTC) if timer.stale_at else None,
        "state": TimerState.PENDING.value,
    }


def _timer(document: dict[str, Any]) -> Timer:
    return Timer(
        case_id=UUID(document["case_id"]),
        kind=TimerKind(document["kind"]),
        due_on=date.fromisoformat(document["due_on"]),
        fire_at=document["fire_at"],
        stale_at=document["stale_at"],
    )


class TimerRepository:
    def __init__(self, store: Store, session: Session | None = None) -> None:
        self._store = store
        self._timers = store.collection(TIMERS)
        self._session = session

    async def ensure_indexes(self) -> None:
        await self._store.ensure_indexes(
            TIMERS,
            [
                Index([("state", ASCENDING), ("fire_at", ASCENDING)]),
                Index([("case_id", ASCENDING)]),
            ],
        )

    async def schedule(self, timers: Iterable[Timer]) -> None:
        """Add the timers not yet known; a timer already fired or silenced stays so."""
        for timer in timers:
            await self._timers.update_one(
                {"_id": str(timer.timer_id)},
                {"$setOnInsert": _document(timer)},
                upsert=True,
                session=self._session,
            )

    async def due(self, now: datetime, *, limit: int) -> list[Timer]:
        cursor = (
            self._timers.find(
                {"state": TimerState.PENDING.value, "fire_at": {"$lte": now}},
                session=self._session,
            )
            .sort("fire_at", ASCENDING)
            .limit(limit)
        )
        return [_timer(document) async for document in cursor]

    async def settle(self, timer: Timer, state: TimerState, now: datetime) -> bool:
        """Settle a pending timer; False if another replica already did."""
        settled = await self._timers.find_one_and_update(
            {"_id": str(timer.timer_id), "state": TimerState.PENDING.value},
            {"$set": {"state": state.value, "settled_at": now}},
            session=self._session,
        )
        return settled is not None

    async def forget(self, case_id: UUID) -> None:
        """An erased case keeps no timers, fired or not."""
        await self._timers.delete_many({"case_id": str(case_id)}, session=self._session)
