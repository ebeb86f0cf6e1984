"""Cases by status, kept as counters beside the cases.

The cases-by-status gauge used to group the whole collection at every sample, and on
SecantusDB that decodes every case under its lock: 685 ms at 30,000 cases, the pauses of
the 100,000-case probe (docs/performance.md). These counters move in the same transaction
as the case they count, so they cannot drift from the cases, and the gauge reads a handful
of small documents however many cases there are. They move by inserts folded later
(``shared.folded_counters``): with one document that every case's transaction wrote, any
two transactions writing cases at once would conflict and one be tried again.

Totals written before the moves existed are kept in 16 shards by case id; the gauge adds up
every document, so those count as they are.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from shared.folded_counters import FoldedCounters
from shared.storage import Collection, Session, Store

__all__ = ["CASE_COUNTS", "CaseCounts"]

CASE_COUNTS = "case_counts"
_TOTAL = "by-status"
_PREFIX = "by_status."


def _status(document: dict[str, Any] | None) -> str | None:
    return None if document is None else str(document["status"])


class CaseCounts:
    def __init__(self, store: Store) -> None:
        self.counters = FoldedCounters(store, CASE_COUNTS)
        self._documents = store.collection(CASE_COUNTS)

    async def ensure_counted(self, cases: Collection) -> None:
        await self.counters.ensure_indexes()
        if await self._documents.count_documents({}, limit=1) > 0:
            return
        # Once, where cases were stored before the counters existed.
        grouped = cases.aggregate([{"$group": {"_id": "$status", "n": {"$sum": 1}}}])
        counts = {str(row["_id"]): int(row["n"]) for row in await grouped.to_list(None)}
        if counts:
            await self._documents.replace_one({"_id": _TOTAL}, {"by_status": counts}, upsert=True)

    async def moved(
        self, before: dict[str, Any] | None, after: dict[str, Any] | None, session: Session | None
    ) -> None:
        """A case document was written: ``before`` and ``after`` it (None: absent)."""
        was, now = _status(before), _status(after)
        if was == now:
            return
        change = {status: n for status, n in ((was, -1), (now, 1)) if status}
        await self.counters.move([(_TOTAL, {"by_status": change})], session)

    async def by_status(self) -> dict[str, int]:
        totals: Counter[str] = Counter()
        for counted in (await self.counters.totals({})).values():
            totals.update(
                {f.removeprefix(_PREFIX): n for f, n in counted.items() if f.startswith(_PREFIX)}
            )
        return dict(totals)
