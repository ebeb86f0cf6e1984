"""Cases and school rosters in the welfare group's own database.

What a case says in words (record entry content, consents, meetings, measures, the closing
reason) is sealed with the case's own data key; what the service must query by (ids,
status, dates, the responsible person, the group) stays in the clear.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from pydantic import TypeAdapter

from services.welfare_group.adapters.caseloads import Caseloads
from services.welfare_group.domain.calendar import Break, SchoolCalendar
from services.welfare_group.domain.case import Case, CaseStatus
from services.welfare_group.domain.record import Record, RecordEntry
from services.welfare_group.domain.routing import Roster
from shared.contracts import Role, StaffMember
from shared.sealing import DataKeys, Sealer
from shared.storage import ASCENDING, Index, Session, Store

__all__ = [
    "CALENDARS",
    "CASES",
    "RECORD_ENTRIES",
    "ROSTERS",
    "CalendarRepository",
    "CaseRepository",
    "RosterRepository",
]

CASES = "cases"
RECORD_ENTRIES = "record_entries"
CALENDARS = "school_calendars"
ROSTERS = "rosters"


# The domain's dataclasses map to documents through pydantic: one definition, no drift.
_CASE: TypeAdapter[Case] = TypeAdapter(Case)
_ENTRY: TypeAdapter[RecordEntry] = TypeAdapter(RecordEntry)


_SEALED = ("consents", "meetings", "measures", "closed_reason")


OPEN_STATUSES = [status.value for status in CaseStatus if status is not CaseStatus.CLOSED]


def _case_document(case: Case, sealer: Sealer) -> dict[str, Any]:
    document: dict[str, Any] = _CASE.dump_python(case, mode="json", exclude={"record"})
    document["_id"] = document.pop("case_id")
    document["sealed"] = sealer.seal({k: document.pop(k) for k in _SEALED})
    document["closed_at"] = case.closed_at  # a date the purge compares, not a string
    document["record_length"] = len(case.record.entries)
    if case.is_open:
        # Present only while the case is open: the sparse unique index on it is what
        # guarantees one open case per student at a school, even against a racing writer.
        document["open_for_student"] = _open_key(case.school_id, case.student_ref)
    return document


def _open_key(school_id: str, student_ref: str) -> str:
    return f"{school_id}/{student_ref}"  # "/" is in no identifier: the key is unambiguous


def _case(document: dict[str, Any], entries: list[dict[str, Any]], sealer: Sealer) -> Case:
    fields = {
        k: v
        for k, v in document.items()
        if k not in ("_id", "record_length", "open_for_student", "sealed")
    }
    fields |= sealer.open(document["sealed"])
    record = Record(tuple(_ENTRY.validate_python(e) for e in entries))
    return _CASE.validate_python({**fields, "case_id": document["_id"], "record": record})


class CaseRepository:
    def __init__(self, store: Store, keys: DataKeys) -> None:
        self._store = store
        self._keys = keys
        self._cases = store.collection(CASES)
        self._entries = store.collection(RECORD_ENTRIES)
        self._caseloads = Caseloads(store)

    async def ensure_indexes(self) -> None:
        await self._store.ensure_indexes(
            CASES,
            [
                # Only open cases have the field: one open case per student. Sparse rather
                # than partial, which SecantusDB's planner does not use for lookups.
                Index([("open_for_student", ASCENDING)], unique=True, sparse=True),
                Index([("responsible.staff_id", ASCENDING), ("discussion_due_on", ASCENDING)]),
                Index([("school_id", ASCENDING), ("status", ASCENDING)]),
                Index([("status", ASCENDING), ("closed_at", ASCENDING)]),
            ],
        )
        await self._caseloads.ensure_indexes(self._cases, OPEN_STATUSES)
        # The record is append-only: entries are only ever inserted, one per position.
        await self._store.ensure_indexes(
            RECORD_ENTRIES, [Index([("case_id", ASCENDING), ("seq", ASCENDING)], unique=True)]
        )

    async def add(self, case: Case, session: Session) -> None:
        sealer = await self._keys.create(str(case.case_id), session)
        document = _case_document(case, sealer)
        await self._cases.insert_one(document, session=session)
        await self._caseloads.moved(None, document, session)
        await self._append_entries(case, 0, sealer, session)

    async def save(self, case: Case, session: Session) -> None:
        """Replace the case's state and insert its new record entries, never older ones."""
        sealer = await self._keys.sealer(str(case.case_id), session)
        document = _case_document(case, sealer)
        previous = await self._cases.find_one_and_replace(
            {"_id": str(case.case_id)}, document, session=session
        )
        await self._caseloads.moved(previous, document, session)
        known = previous["record_length"] if previous else 0
        await self._append_entries(case, known, sealer, session)

    async def _append_entries(
        self, case: Case, known: int, sealer: Sealer, session: Session
    ) -> None:
        new = case.record.entries[known:]
        if new:
            documents = []
            for e in new:
                document = _ENTRY.dump_python(e, mode="json")
                document["content"] = sealer.seal(document["content"])
                # §20 names what an author is in the record: their profession.
                document["author"] = {"staff_id": e.author.staff_id, "profession": e.author.role}
                documents.append({**document, "_id": str(e.entry_id), "case_id": str(case.case_id)})
            await self._entries.insert_many(documents, session=session)

    async def _load(
        self, document: dict[str, Any] | None, session: Session | None, *, with_record: bool = True
    ) -> Case | None:
        if document is None:
            return None
        sealer = await self._keys.sealer(document["_id"], session)
        entries = []
        if with_record:
            cursor = self._entries.find({"case_id": document["_id"]}, session=session)
            for e in await cursor.sort("seq", 1).to_list(None):
                fields = {k: v for k, v in e.items() if k not in ("_id", "case_id")}
                author = {"staff_id": e["author"]["staff_id"], "role": e["author"]["profession"]}
                entries.append({**fields, "author": author, "content": sealer.open(e["content"])})
        return _case(document, entries, sealer)

    async def get(
        self, case_id: UUID, session: Session | None = None, *, with_record: bool = True
    ) -> Case | None:
        document = await self._cases.find_one({"_id": str(case_id)}, session=session)
        return await self._load(document, session, with_record=with_record)

    async def erase(self, case_id: UUID, session: Session) -> None:
        """Forget the case: its key first, which alone makes every sealed copy unreadable,
        then its documents."""
        await self._keys.shred(str(case_id), session)
        erased = await self._cases.find_one_and_delete({"_id": str(case_id)}, session=session)
        await self._caseloads.moved(erased, None, session)
        await self._entries.delete_many({"case_id": str(case_id)}, session=session)

    async def closed_before(self, moment: datetime, limit: int) -> list[UUID]:
        cursor = self._cases.find(
            {"status": "closed", "closed_at": {"$lt": moment}}, projection={"_id": True}
        )
        return [UUID(d["_id"]) for d in await cursor.to_list(limit)]

    async def open_case_of(self, student_ref: str, school_id: str, session: Session) -> Case | None:
        """The student's open case at this school; another school's is never this one's."""
        document = await self._cases.find_one(
            {"open_for_student": _open_key(school_id, student_ref)}, session=session
        )
        return await self._load(document, session)

    async def unassigned_at(self, school_id: str) -> list[UUID]:
        """Open cases at the school that nobody leads: the principal's to see assigned."""
        cursor = self._cases.find(
            {"school_id": school_id, "status": {"$in": OPEN_STATUSES}, "responsible": None},
            projection={"_id": True},
        )
        return [UUID(d["_id"]) for d in await cursor.to_list(1000)]

    async def open_caseload(self, school_id: str, session: Session | None = None) -> dict[str, int]:
        """Open cases per responsible person at one school."""
        return await self._caseloads.of_school(school_id, session)

    async def of_student(self, student_ref: str, *, with_record: bool = True) -> list[Case]:
        """Every case of one student, open or closed, oldest first, with its record."""
        cursor = self._cases.find({"student_ref": student_ref}).sort("opened_at", ASCENDING)
        return [
            c
            for d in await cursor.to_list(None)
            if (c := await self._load(d, None, with_record=with_record))
        ]

    async def of_responsible(self, staff_id: str) -> list[Case]:
        cursor = self._cases.find(
            {"responsible.staff_id": staff_id, "open_for_student": {"$exists": True}}
        ).sort("discussion_due_on", ASCENDING)
        # The list shows where cases stand, not their records: no per-case record query.
        return [
            c
            for d in await cursor.to_list(500)
            if (c := await self._load(d, None, with_record=False))
        ]


class RosterRepository:
    def __init__(self, store: Store) -> None:
        self._rosters = store.collection(ROSTERS)

    async def get(self, school_id: str, session: Session | None = None) -> Roster:
        """The school's roster; an empty one for a school the directory does not name."""
        return await self.find(school_id, session) or Roster(school_id, ())

    async def find(self, school_id: str, session: Session | None = None) -> Roster | None:
        document = await self._rosters.find_one({"_id": school_id}, session=session)
        if document is None:
            return None
        members = document["members"]
        return Roster(
            school_id,
            tuple(StaffMember(m["staff_id"], Role(m["role"])) for m in members),
            students=document.get("students", 0),
        )

    async def put(self, roster: Roster) -> None:
        await self._rosters.replace_one(
            {"_id": roster.school_id},
            {
                "members": [{"staff_id": m.staff_id, "role": m.role} for m in roster.members],
                "students": roster.students,
            },
            upsert=True,
        )


class CalendarRepository:
    """Each school's own breaks; the school calendar is built from them when needed."""

    def __init__(self, store: Store) -> None:
        self._calendars = store.collection(CALENDARS)

    async def of_school(self, school_id: str, session: Session | None = None) -> SchoolCalendar:
        document = await self._calendars.find_one({"_id": school_id}, session=session)
        breaks = document["breaks"] if document else []
        return SchoolCalendar(
            Break(b["name"], date.fromisoformat(b["first_day"]), date.fromisoformat(b["last_day"]))
            for b in breaks
        )

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
