"""``python -m services.welfare_group.seed FILE``: load the schools' rosters and calendars,
and the school's student register (sealed): majority and the welfare record's §20.4 header."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from services.welfare_group.adapters.schools import CalendarRepository, RosterRepository
from services.welfare_group.adapters.students import StudentRegisterRepository
from services.welfare_group.domain.calendar import Break
from services.welfare_group.domain.routing import Roster
from services.welfare_group.domain.students import GuardianContact, StudentIdentity
from services.welfare_group.settings import WelfareGroupSettings
from shared.contracts import StaffMember
from shared.sealing import DataKeys, KeyRing
from shared.seed import SeedFile, load_seed
from shared.storage import Store


async def seed(path: Path, settings: WelfareGroupSettings) -> int:
    store = Store.from_settings(settings)
    try:
        rosters, calendars = RosterRepository(store), CalendarRepository(store)
        directory = load_seed(path)
        schools = directory.schools
        for school in schools:
            members = tuple(StaffMember(s.staff_id, s.role) for s in school.staff)
            fte = {s.staff_id: s.allocated_fte for s in school.staff if s.allocated_fte != 1.0}
            roster = Roster(school.school_id, members, school.students, allocated_fte=fte)
            await rosters.put(roster)
            breaks = [Break(b.name, b.first_day, b.last_day) for b in school.breaks]
            await calendars.put(school.school_id, breaks)
        students = StudentRegisterRepository(
            store, DataKeys(store, KeyRing.parse(settings.data_keks_spec()))
        )
        for student in identities(directory):
            await students.put(student)
        return len(schools)
    finally:
        store.close()


def identities(directory: SeedFile) -> list[StudentIdentity]:
    """The students with their guardians' names and contacts, joined from ``guardians``."""
    guardians = {g.guardian_id: g for g in directory.guardians}
    return [
        StudentIdentity(
            student_ref=s.student_ref,
            given_names=s.given_names,
            family_name=s.family_name,
            identity_code=s.identity_code,
            home_municipality=s.home_municipality,
            date_of_birth=s.date_of_birth,
            guardians=tuple(
                GuardianContact(g, guardians[g].name or g, guardians[g].phone, guardians[g].email)
                for g in s.guardians
                if g in guardians
            ),
            school_id=s.school_id,
        )
        for s in directory.students
    ]


if __name__ == "__main__":
    count = asyncio.run(seed(Path(sys.argv[1]), WelfareGroupSettings()))
    print(f"welfare_group: {count} school rosters loaded")
