"""The directory's side of the welfare group: each school's welfare staff and its breaks.

Both are written by the directory's seeding (``services.welfare_group.seed``) and read by
the cases' rules: who may lead a case there, and which days count as school days.

Both are read in nearly every transaction of the welfare group and change only when the
directory is seeded again, so a school's roster and calendar are kept in the process for
at most ``REFERENCE_TTL_S`` (30 s; ``shared.reference_cache``): a seeding run is seen by a
running service within that bound, and a write through ``put`` here is seen at once.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from services.welfare_group.domain.calendar import Break, SchoolCalendar
from services.welfare_group.domain.routing import Roster
from shared.contracts import Role, StaffMember
from shared.reference_cache import ReferenceCache
from shared.storage import Session, Store

__all__ = ["CALENDARS", "ROSTERS", "CalendarRepository", "RosterRepository"]

CALENDARS = "school_calendars"
ROSTERS = "rosters"

# By (database, school): one process may serve more than one database (the tests do).
_ROSTERS: ReferenceCache[tuple[str, str], Roster] = ReferenceCache()
_CALENDARS: ReferenceCache[tuple[str, str], SchoolCalendar] = ReferenceCache()


class RosterRepository:
    def __init__(self, store: Store, session: Session | None = None) -> None:
        self._rosters = store.collection(ROSTERS)
        self._database = store.name
        self._session = session

    async def get(self, school_id: str) -> Roster:
        """The school's roster; an empty one for a school the directory does not name."""
        return await self.find(school_id) or Roster(school_id, ())

    async def find(self, school_id: str) -> Roster | None:
        """The school's roster as read at most ``REFERENCE_TTL_S`` ago (see the module)."""

        async def read() -> Roster | None:
            document = await self._rosters.find_one({"_id": school_id}, session=self._session)
            return None if document is None else _roster(document)

        return await _ROSTERS.through((self._database, school_id), read)

    async def every(self) -> list[Roster]:
        """Every school the directory names, by its id."""
        cursor = self._rosters.find({}, session=self._session).sort("_id", 1)
        return [_roster(d) for d in await cursor.to_list(None)]

    async def put(self, roster: Roster) -> None:
        members = [
            {"staff_id": m.staff_id, "role": m.role, "allocated_fte": roster.fte_of(m.staff_id)}
            for m in roster.members
        ]
        await self._rosters.replace_one(
            {"_id": roster.school_id},
            {"members": members, "students": roster.students},
            upsert=True,
        )
        _ROSTERS.forget((self._database, roster.school_id))


def _roster(document: dict[str, Any]) -> Roster:
    members = document["members"]
    return Roster(
        document["_id"],
        tuple(StaffMember(m["staff_id"], Role(m["role"])) for m in members),
        students=document.get("students", 0),
        # Only what is not full time is kept in the roster: 1.0 is what no entry says.
        allocated_fte={
            m["staff_id"]: m["allocated_fte"] for m in members if m.get("allocated_fte", 1.0) != 1.0
        },
    )


class CalendarRepository:
    """Each school's own breaks; the school calendar is built from them when needed."""

    def __init__(self, store: Store, session: Session | None = None) -> None:
        self._calendars = store.collection(CALENDARS)
        self._database = store.name
        self._session = session

    async def of_school(self, school_id: str) -> SchoolCalendar:
        """The school's calendar as read at most ``REFERENCE_TTL_S`` ago (see the module)."""

        async def read() -> SchoolCalendar:
            document = await self._calendars.find_one({"_id": school_id}, session=self._session)
            breaks = document["breaks"] if document else []
            return SchoolCalendar(
                Break(
                    b["name"], date.fromisoformat(b["first_day"]), date.fromisoformat(b["last_day"])
                )
                for b in breaks
            )

        calendar = await _CALENDARS.through((self._database, school_id), read)
        return calendar if calendar is not None else SchoolCalendar()  # read() always has one

    async def put(self, school_id: str, breaks: list[Break]) -> None:
        await self._calendars.replace_one(
            {"_id": school_id},
            {
                "breaks": [
                    {
                        "name": b.name,
                        "first_day": b.first_day.isoformat(),
                        "last_day": b.last_day.isoformat(),
                    }
                    for b in breaks
                ]
            },
            upsert=True,
        )
        _CALENDARS.forget((self._database, school_id))
