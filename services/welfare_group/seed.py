"""``python -m services.welfare_group.seed FILE``: load the schools' rosters and calendars,
and what the welfare group needs of the student register (the date of birth, sealed)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from services.welfare_group.adapters.schools import CalendarRepository, RosterRepository
from services.welfare_group.adapters.students import StudentRegisterRepository
from services.welfare_group.domain.calendar import Break
from services.welfare_group.domain.routing import Roster
from services.welfare_group.settings import WelfareGroupSettings
from shared.contracts import StaffMember
from shared.sealing import DataKeys, KeyRing
from shared.seed import load_seed
from shared.storage import Store


async def seed(path: Path, settings: WelfareGroupSettings) -> int:
    store = Store.from_settings(settings)
    try:
        rosters, calendars = RosterRepository(store), CalendarRepository(store)
        directory = load_seed(path)
        schools = directory.schools
        for school in schools:
            members = tuple(StaffMember(s.staff_id, s.role) for s in school.staff)
            await rosters.put(Roster(school.school_id, members, students=school.students))
            breaks = [Break(b.name, b.first_day, b.last_day) for b in school.breaks]
            await calendars.put(school.school_id, breaks)
        keys = DataKeys(store, KeyRing.parse(settings.data_keks_spec()))
        students = StudentRegisterRepository(store, keys)
        for student in directory.students:
            await students.put(student.student_ref, date_of_birth=student.date_of_birth)
        return len(schools)
    finally:
        store.close()


if __name__ == "__main__":
    count = asyncio.run(seed(Path(sys.argv[1]), WelfareGroupSettings()))
    print(f"welfare_group: {count} school rosters loaded")
