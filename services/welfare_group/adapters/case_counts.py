"""Cases by status, kept as counters beside the cases.

The cases-by-status gauge used to group the whole collection at every sample, and on
SecantusDB that decodes every case under its lock: 685 ms at 30,000 cases, the pauses of
the 100,000-case probe (docs/performance.md). These counters change in the same
transaction as the case they count, so they cannot drift from the cases, and the gauge
reads a handful of small documents however many cases there are.

They are spread over ``SHARDS`` documents by case id: with one document, any two
transactions writing cases at once (two replicas, or a batch and an HTTP request) would
write the same counter and one of them would have to be rolled back and tried again.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from uuid import UUID

from shared.storage import Collection, Session, Store

__all__ = ["CASE_COUNTS", "SHARDS", "CaseCounts"]

CASE_COUNTS = "case_counts"
SHARDS = 16


def _shard(case_id: str) -> str:
    return f"shard-{UUID(case_id).int % SHARDS}"


def _status(document: dict[str, Any] | None) -> str | None:
    return None if document is None else str(document["status"])


class CaseCounts:
    def __init__(self, store: Store) -> None:
        self._counters = store.collection(CASE_COUNTS)

    async def ensure_counted(self, cases: Collection) -> None:
        """Once, where cases were stored before the counters existed."""
        if await self._counters.count_documents({}, limit=1) > 0:
            return
        grouped = cases.aggregate([{"$group": {"_id": "$status", "n": {"$sum": 1}}}])
        counts = {str(row["_id"]): int(row["n"]) for row in await grouped.to_list(None)}
        if counts:
            await self._counters.replace_one(
                {"_id": _shard(str(UUID(int=0)))}, {"by_status": counts}, upsert=True
            )

    async def moved(
        self, before: dict[str, Any] | None, after: dict[str, Any] | None, session: Session | None
    ) -> None:
        """A case document was written: ``before`` and ``after`` it (None: absent)."""
        was, now = _status(before), _status(after)
        if was == now:
            return
        change = {f"by_status.{status}": n for status, n in ((was, -1), (now, 1)) if status}
        case_id = str((after or before or {})["_id"])
        await self._counters.update_one(
            {"_id": _shard(case_id)}, {"$inc": change}, upsert=True, session=session
        )

    async def by_status(self) -> dict[str, int]:
        totals: Counter[str] = Counter()
        async for shard in self._counters.find({}):
            totals.update(shard.get("by_status", {}))
        return dict(totals)
