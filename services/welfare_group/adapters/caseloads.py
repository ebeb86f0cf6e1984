"""Open cases per responsible person, kept as counters beside the cases.

Every new case needs the caseload of each candidate at its school. Counting the school's
open cases each time reads as many documents as there are open cases, and the cost grows
with the school. The counters move in the same transaction as the case they count, through
the case repository's every write, so they cannot drift from the cases; they move by
inserts folded later (``shared.folded_counters``), so that two replicas' transactions about
one school never write the same document.
"""

from __future__ import annotations

from typing import Any

from shared.folded_counters import FoldedCounters
from shared.storage import ASCENDING, Collection, Index, Session, Store

__all__ = ["CASELOADS", "Caseloads"]

CASELOADS = "caseloads"
_BY_HOLDER = {"school_id": "$school_id", "staff_id": "$responsible.staff_id"}


def _holder(document: dict[str, Any] | None) -> tuple[str, str] | None:
    """The (school, staff member) whose caseload a case document counts in, if any."""
    if document is None or "open_for_student" not in document:
        return None
    staff_id = (document.get("responsible") or {}).get("staff_id")
    return (document["school_id"], staff_id) if staff_id else None


def _move(holder: tuple[str, str], change: int) -> tuple[str, dict[str, Any]]:
    school_id, staff_id = holder
    return f"{school_id}/{staff_id}", {"school_id": school_id, "staff_id": staff_id, "open": change}


class Caseloads:
    def __init__(self, store: Store) -> None:
        self.counters = FoldedCounters(store, CASELOADS)
        self._documents = store.collection(CASELOADS)

    async def ensure_indexes(self, cases: Collection, open_statuses: list[str]) -> None:
        await self.counters.ensure_indexes([Index([("school_id", ASCENDING)])])
        if await self._documents.count_documents({}, limit=1) == 0:
            await self._count_from(cases, open_statuses)

    async def moved(
        self, before: dict[str, Any] | None, after: dict[str, Any] | None, session: Session | None
    ) -> None:
        """A case document was written: ``before`` and ``after`` it (None: absent)."""
        was, now = _holder(before), _holder(after)
        if was == now:
            return
        moves = [_move(holder, change) for holder, change in ((was, -1), (now, 1)) if holder]
        await self.counters.move(moves, session)

    async def of_school(self, school_id: str, session: Session | None = None) -> dict[str, int]:
        totals = await self.counters.totals({"school_id": school_id}, session)
        prefix = f"{school_id}/"
        return {
            total_id.removeprefix(prefix): counted["open"]
            for total_id, counted in totals.items()
            if counted.get("open", 0) > 0
        }

    async def _count_from(self, cases: Collection, open_statuses: list[str]) -> None:
        """Once, where cases were stored before the counters existed."""
        counts = await cases.aggregate(
            [
                {"$match": {"status": {"$in": open_statuses}}},
                {"$group": {"_id": _BY_HOLDER, "open": {"$sum": 1}}},
            ]
        ).to_list(None)
        for count in counts:
            if count["_id"].get("staff_id"):
                holder = (count["_id"]["school_id"], count["_id"]["staff_id"])
                await self._documents.replace_one(
                    {"_id": "/".join(holder)},
                    {"school_id": holder[0], "staff_id": holder[1], "open": count["open"]},
                    upsert=True,
                )
