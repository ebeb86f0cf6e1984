"""Reading the dead-letter ledger: one entry, a filtered listing and its counts. Nothing
read here carries the payload except ``with_payload``, for a replay."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shared.dead_letter_ledger.entries import State
from shared.storage import DESCENDING, Session, Store

__all__ = ["DEAD_LETTER_LEDGER", "LedgerFilter", "LedgerReads"]

DEAD_LETTER_LEDGER = "dead_letter_ledger"
_HIDDEN = {"payload": False, "origin": False}


@dataclass(frozen=True)
class LedgerFilter:
    consumer: str | None = None
    topic: str | None = None
    reason: str | None = None
    event_type: str | None = None
    state: State | None = None
    since: datetime | None = None
    until: datetime | None = None

    def query(self) -> dict[str, Any]:
        fields = ("consumer", "topic", "reason", "event_type", "state")
        query: dict[str, Any] = {f: getattr(self, f) for f in fields if getattr(self, f)}
        if query.get("state"):
            query["state"] = str(query["state"])
        window = {op: t for op, t in (("$gte", self.since), ("$lt", self.until)) if t}
        if window:
            query["dead_lettered_at"] = window
        return query


class LedgerReads:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._entries = store.collection(DEAD_LETTER_LEDGER)

    async def get(self, entry_id: str, session: Session | None = None) -> dict[str, Any] | None:
        found: dict[str, Any] | None = await self._entries.find_one(
            {"_id": entry_id}, projection=_HIDDEN, session=session
        )
        return found

    async def with_payload(self, session: Session, entry_id: str) -> dict[str, Any] | None:
        found: dict[str, Any] | None = await self._entries.find_one(
            {"_id": entry_id}, session=session
        )
        return found

    async def search(self, where: LedgerFilter, *, limit: int) -> list[dict[str, Any]]:
        cursor = self._entries.find(where.query(), projection=_HIDDEN)
        return await cursor.sort("dead_lettered_at", DESCENDING).to_list(limit)

    async def ids(self, where: LedgerFilter, *, limit: int) -> list[str]:
        cursor = self._entries.find(where.query(), projection={"_id": True})
        return [d["_id"] for d in await cursor.sort("dead_lettered_at", DESCENDING).to_list(limit)]

    async def counts(self, where: LedgerFilter) -> dict[str, dict[str, int]]:
        """How many match, by state and by reason (the listing may show fewer)."""
        grouped = await self._entries.aggregate(
            [
                {"$match": where.query()},
                {"$group": {"_id": {"state": "$state", "reason": "$reason"}, "n": {"$sum": 1}}},
            ]
        ).to_list(None)
        by_state: dict[str, int] = {s.value: 0 for s in State}
        by_reason: dict[str, int] = {}
        for group in grouped:
            by_state[group["_id"]["state"]] = by_state.get(group["_id"]["state"], 0) + group["n"]
            reason = group["_id"]["reason"]
            by_reason[reason] = by_reason.get(reason, 0) + group["n"]
        return {"by_state": by_state, "by_reason": by_reason}
