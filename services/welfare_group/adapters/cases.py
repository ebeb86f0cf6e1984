"""Cases and their append-only records in the welfare group's own database.

A repository is bound to one transaction's session (or to none, for reads outside one);
the unit of work builds the bound ones.

Each register has its own data keys: the case's state is sealed with the case's key
(owner ``<case_id>``), each record entry with the key of its register for the case
(owner ``<register>:<case_id>``, made when the register's first entry is written). So a
register's entries open only with its own key, and erasing the case shreds every one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from services.welfare_group.adapters.case_counts import CaseCounts
from services.welfare_group.adapters.case_documents import (
    OPEN_STATUSES,
    case_document,
    case_from,
    entry_document,
    entry_from,
    open_key,
)
from services.welfare_group.adapters.caseloads import Caseloads
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.registers import Register
from shared.sealing import DataKeys, Sealer, Unreadable
from shared.storage import ASCENDING, Index, Session, Store

__all__ = ["CASES", "RECORD_ENTRIES", "CaseRepository", "register_key"]

CASES = "cases"
RECORD_ENTRIES = "record_entries"


def register_key(register: Register, case_id: UUID | str) -> str:
    """The owner of the data key that seals one register's entries of one case."""
    return f"{register.value}:{case_id}"


class CaseRepository:
    def __init__(self, store: Store, keys: DataKeys, session: Session | None = None) -> None:
        self._store = store
        self._keys = keys
        self._session = session
        self._cases = store.collection(CASES)
        self._entries = store.collection(RECORD_ENTRIES)
        self._caseloads = Caseloads(store)
        self._counts = CaseCounts(store)

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
                # A student's cases (the record export, the family's views and the guard of
                # their access log): without it each of those scans every case stored.
                Index([("student_ref", ASCENDING), ("opened_at", ASCENDING)]),
            ],
        )
        await self._caseloads.ensure_indexes(self._cases, OPEN_STATUSES)
        await self._counts.ensure_counted(self._cases)
        # The record is append-only: entries are only ever inserted, one per position.
        await self._store.ensure_indexes(
            RECORD_ENTRIES, [Index([("case_id", ASCENDING), ("seq", ASCENDING)], unique=True)]
        )

    async def add(self, case: Case) -> None:
        """A new case: its key and its registers' keys made together, in one write."""
        registers = {e.register for e in case.record.entries}
        owners = [str(case.case_id), *(register_key(r, case.case_id) for r in registers)]
        sealers = await self._keys.create_many(owners, self._session)
        document = case_document(case, sealers[str(case.case_id)])
        await self._cases.insert_one(document, session=self._session)
        await self._moved(None, document)
        await self._append_entries(case, 0, sealers)

    async def save(self, case: Case) -> None:
        """Replace the case's state and insert its new record entries, never older ones."""
        case_id = str(case.case_id)
        owners = [case_id, *(register_key(r, case_id) for r in Register)]
        sealers = await self._keys.sealers(owners, self._session)  # those there are, at once
        document = case_document(case, _key(sealers, case_id))
        previous = await self._cases.find_one_and_replace(
            {"_id": case_id}, document, session=self._session
        )
        await self._moved(previous, document)
        await self._append_entries(case, previous["record_length"] if previous else 0, sealers)

    async def _moved(self, before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
        """Every write of a case moves its counters, in the same transaction."""
        await self._caseloads.moved(before, after, self._session)
        await self._counts.moved(before, after, self._session)

    async def _append_entries(self, case: Case, known: int, sealers: dict[str, Sealer]) -> None:
        """Insert the entries after the first ``known``; a register's first entry for the
        case makes its key (``sealers``: the keys there are, by owner)."""
        new = case.record.entries[known:]
        if not new:
            return
        owners = {e.register: register_key(e.register, case.case_id) for e in new}
        missing = [owner for owner in owners.values() if owner not in sealers]
        sealers = sealers | await self._keys.create_many(missing, self._session)
        documents = [entry_document(case, e, sealers[owners[e.register]]) for e in new]
        await self._entries.insert_many(documents, session=self._session)

    async def _load(self, document: dict[str, Any] | None, with_record: bool) -> Case | None:
        if document is None:
            return None
        case_id = document["_id"]
        owners = [case_id, *(register_key(r, case_id) for r in Register if with_record)]
        sealers = await self._keys.sealers(owners, self._session)  # one read for them all
        entries = []
        if with_record:
            cursor = self._entries.find({"case_id": case_id}, session=self._session)
            stored = await cursor.sort("seq", 1).to_list(None)
            entries = [
                entry_from(e, _key(sealers, register_key(Register(e["register"]), case_id)))
                for e in stored
            ]
        return case_from(document, entries, _key(sealers, case_id))

    async def get(self, case_id: UUID, *, with_record: bool = True) -> Case | None:
        document = await self._cases.find_one({"_id": str(case_id)}, session=self._session)
        return await self._load(document, with_record)

    async def erase(self, case_id: UUID) -> None:
        """Forget the case: its key first, which alone makes every sealed copy unreadable,
        then its documents."""
        for owner in (str(case_id), *(register_key(r, case_id) for r in Register)):
            await self._keys.shred(owner, self._session)
        erased = await self._cases.find_one_and_delete({"_id": str(case_id)}, session=self._session)
        await self._moved(erased, None)
        await self._entries.delete_many({"case_id": str(case_id)}, session=self._session)

    async def closed_before(self, moment: datetime, limit: int) -> list[UUID]:
        query = {"status": "closed", "closed_at": {"$lt": moment}}
        cursor = self._cases.find(query, projection={"_id": True}, session=self._session)
        return [UUID(d["_id"]) for d in await cursor.to_list(limit)]

    async def open_case_of(self, student_ref: str, school_id: str) -> Case | None:
        """The student's open case at this school; another school's is never this one's."""
        query = {"open_for_student": open_key(school_id, student_ref)}
        return await self._load(await self._cases.find_one(query, session=self._session), True)

    async def unassigned_at(self, school_id: str) -> list[UUID]:
        """Open cases at the school that nobody leads: the principal's to see assigned."""
        query = {"school_id": school_id, "status": {"$in": OPEN_STATUSES}, "responsible": None}
        cursor = self._cases.find(query, projection={"_id": True}, session=self._session)
        return [UUID(d["_id"]) for d in await cursor.to_list(1000)]

    async def open_at(self, school_id: str) -> list[Case]:
        """The school's open cases, without their records: where they stand, for its
        principal's overview."""
        query = {"school_id": school_id, "status": {"$in": OPEN_STATUSES}}
        cursor = self._cases.find(query, session=self._session).sort("opened_at", ASCENDING)
        return [c for d in await cursor.to_list(5000) if (c := await self._load(d, False))]

    async def open_caseload(self, school_id: str) -> dict[str, int]:
        """Open cases per responsible person at one school."""
        return await self._caseloads.of_school(school_id, self._session)

    async def of_student(self, student_ref: str, *, with_record: bool = True) -> list[Case]:
        """Every case of one student, open or closed, oldest first."""
        cursor = self._cases.find({"student_ref": student_ref}, session=self._session)
        documents = await cursor.sort("opened_at", ASCENDING).to_list(None)
        return [c for d in documents if (c := await self._load(d, with_record))]

    async def of_responsible(self, staff_id: str) -> list[Case]:
        query = {"responsible.staff_id": staff_id, "open_for_student": {"$exists": True}}
        cursor = self._cases.find(query, session=self._session).sort("discussion_due_on", 1)
        # The list shows where cases stand, not their records: no per-case record query.
        return [c for d in await cursor.to_list(500) if (c := await self._load(d, False))]


def _key(sealers: dict[str, Sealer], owner: str) -> Sealer:
    if owner not in sealers:
        raise Unreadable(f"no data key for {owner}: erased or never created")
    return sealers[owner]
