"""A guardian-notice hold that reached its expiry with no professional keeping it lapses,
and the guardian is told (§16.3), in the clock's transaction for the expiry timer."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from services.welfare_group.domain import lifecycle as law
from services.welfare_group.domain.case import Case
from services.welfare_group.service_layer.announcements import step_recorded
from services.welfare_group.service_layer.majority import as_it_stands
from services.welfare_group.service_layer.unit_of_work import WelfareUnit
from shared.contracts import Audience

__all__ = ["lapse_hold"]


async def lapse_hold(case: Case, unit: WelfareUnit, *, now: datetime, timezone: ZoneInfo) -> None:
    # As it stands today: a student who came of age since has no guardian to tell.
    case = await as_it_stands(case, unit.students, at=now, timezone=timezone)
    lapsed = law.lapse_guardian_hold(case, at=now)
    if len(lapsed.record.entries) == len(case.record.entries):
        if lapsed != case:
            await unit.cases.save(lapsed)
        return
    await unit.cases.save(lapsed)
    entry = lapsed.record.entries[-1]
    told = step_recorded(lapsed, entry, by=entry.author, involved=[], audience=Audience.GUARDIAN)
    unit.emit(told)
