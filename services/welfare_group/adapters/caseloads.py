"""Open cases per responsible person, kept as counters beside the cases.

Every new case needs the caseload of each candidate at its school. Counting the school's
open cases each time reads as many documents as there are open cases, and the cost grows
with the school. The counters change in the same transaction as the case they count, through
the case repository's every write, so they cannot drift from the cases.
"""

from __future__ import annotations

from typing import Any

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


class Caseloads:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._counters = store.collection(CASELOADS)

    async def ensure_indexes(self, cases: Collection, open_statuses: list[str]) -> None:
        await self._store.ensure_indexes(CASELOADS, [Index([("school_id", ASCENDING)])])
        if await self._counters.count_documents({}, limit=1) == 0:
            await self._count_from(cases, open_statuses)

    async def moved(
        self, before: dict[str, Any] | None, after: dict[str, Any] | None, session: Session | None
    ) -> None:
        """A case document was written: ``before`` and ``after`` it (None: absent)."""
        was, now = _holder(before), _holder(after)
        if was == now:
            return
        if was is not None:
            await self._add(was, -1, session)
        if now is not None:
            await self._add(now, 1, session)

    async def of_school(self, school_id: str, session: Session | None = None) -> dict[str, int]:
        query = {"school_id": school_id, "open": {"$gt": 0}}
        counters = self._counters.find(query, session=session)
        return {c["staff_id"]: int(c["open"]) async for c in counters}

    async def _add(self, holder: tuple[str, str], change: int, session: Session | None) -> None:
        school_id, staff_id = holder
        await self._counters.update_one(
            {"_id": f"{school_id}/{staff_id}"},
            {"$inc": {"open": change}, "$set": {"school_id": school_id, "staff_id": staff_id}},
            upsert=True,
            session=session,
        )

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
                await self._counters.replace_one(
                    {"_id": "/".join(holder)},
                    {"school_id": holder[0], "staff_id": holder[1], "open": count["open"]},
                    upsert=True,
                )
