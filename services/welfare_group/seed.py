"""``python -m services.welfare_group.seed FILE``: load the schools' rosters and calendars."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from services.welfare_group.adapters.schools import CalendarRepository, RosterRepository
from services.welfare_group.domain.calendar import Break
from services.welfare_group.domain.routing import Roster
from services.welfare_group.settings import WelfareGroupSettings
from shared.contracts import StaffMember
from shared.seed import load_seed
from shared.storage import Store


async def seed(path: Path, settings: WelfareGroupSettings) -> int:
    store = Store.from_settings(settings)
    try:
        rosters, calendars = RosterRepository(store), CalendarRepository(store)
        schools = load_seed(path).schools
        for school in schools:
            members = tuple(StaffMember(s.staff_id, s.role) for s in school.staff)
            fte = {s.staff_id: s.allocated_fte for s in school.staff if s.allocated_fte != 1.0}
            roster = Roster(school.school_id, members, school.students, allocated_fte=fte)
            await rosters.put(roster)
            breaks = [Break(b.name, b.first_day, b.last_day) for b in school.breaks]
            await calendars.put(school.school_id, breaks)
        return len(schools)
    finally:
        store.close()


if __name__ == "__main__":
    count = asyncio.run(seed(Path(sys.argv[1]), WelfareGroupSettings()))
    print(f"welfare_group: {count} school rosters loaded")
