"""The welfare group's part of the operations status: timers due and overdue, and which
cases the overdue ones belong to (case ids, kinds and moments only: no case content)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from services.welfare_group.adapters.timers import TIMERS
from services.welfare_group.domain.timers import TimerState
from shared.contracts import utc_now
from shared.operations import Part
from shared.storage import ASCENDING, Store

__all__ = ["timer_status"]

_SHOWN = 100


def timer_status(store: Store, *, grace: timedelta) -> Part:
    """Overdue as the gauge counts it: still pending ``grace`` after its moment."""
    timers = store.collection(TIMERS)

    async def part() -> dict[str, Any]:
        now, pending = utc_now(), TimerState.PENDING.value
        due = await timers.count_documents({"state": pending, "fire_at": {"$lte": now}})
        late = {"state": pending, "fire_at": {"$lte": now - grace}}
        overdue = await timers.count_documents(late)
        found = timers.find(late, projection={"_id": 0, "case_id": 1, "kind": 1, "fire_at": 1})
        oldest = await found.sort("fire_at", ASCENDING).to_list(_SHOWN)
        return {
            "up": True,
            "due": due,
            "overdue": overdue,
            "grace_s": grace.total_seconds(),
            "overdue_timers": [
                {"case_id": t["case_id"], "kind": t["kind"], "fire_at": t["fire_at"]}
                for t in oldest
            ],
        }

    return part
