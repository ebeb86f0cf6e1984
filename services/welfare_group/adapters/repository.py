"""Cases and school rosters in the welfare group's own database."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from services.welfare_group.domain.case import Case, CaseStatus
from services.welfare_group.domain.routing import Roster, RosterMember
from shared.contracts import ConcernCategory, StaffRole, Urgency
from shared.storage import ASCENDING, Index, Session, Store

__all__ = ["CASES", "ROSTERS", "CaseRepository", "RosterRepository"]

CASES = "cases"
ROSTERS = "rosters"


def _case_document(case: Case) -> dict[str, Any]:
    return {
        "_id": str(case.case_id),
        "student_ref": case.student_ref,
        "school_id": case.school_id,
        "status": case.status,
        # Present only while the case is open: the partial unique index on it is what
        # guarantees one open case per student, even against a racing second writer.
        "open_for_student": case.student_ref,
        "concern_ids": [str(c) for c in case.concern_ids],
        "categories": list(case.categories),
        "urgency": case.urgency,
        "responsible": (
            {"staff_id": case.responsible.staff_id, "role": case.responsible.role}
            if case.responsible
            else None
        ),
        "guardian_may_be_notified": case.guardian_may_be_notified,
        "discussion_due_on": case.discussion_due_on.isoformat(),
        "opened_at": case.opened_at,
    }


def _case(document: dict[str, Any]) -> Case:
    responsible = document["responsible"]
    return Case(
        case_id=UUID(document["_id"]),
        student_ref=document["student_ref"],
        school_id=document["school_id"],
        status=CaseStatus(document["status"]),
        concern_ids=tuple(UUID(c) for c in document["concern_ids"]),
        categories=tuple(ConcernCategory(c) for c in document["categories"]),
        urgency=Urgency(document["urgency"]),
        responsible=(
            RosterMember(responsible["staff_id"], StaffRole(responsible["role"]))
            if responsible
            else None
        ),
        guardian_may_be_notified=document["guardian_may_be_notified"],
        discussion_due_on=date.fromisoformat(document["discussion_due_on"]),
        opened_at=document["opened_at"],
    )


class CaseRepository:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._cases = store.collection(CASES)

    async def ensure_indexes(self) -> None:
        await self._store.ensure_indexes(
            CASES,
            [
                Index(
                    [("open_for_student", ASCENDING)],
                    unique=True,
                    partial={"open_for_student": {"$exists": True}},
                ),
                Index([("responsible.staff_id", ASCENDING), ("discussion_due_on", ASCENDING)]),
                Index([("school_id", ASCENDING), ("status", ASCENDING)]),
            ],
        )

    async def add(self, case: Case, session: Session) -> None:
        await self._cases.insert_one(_case_document(case), session=session)

    async def save(self, case: Case, session: Session) -> None:
        await self._cases.replace_one(
            {"_id": str(case.case_id)}, _case_document(case), session=session
        )

    async def get(self, case_id: UUID, session: Session | None = None) -> Case | None:
        document = await self._cases.find_one({"_id": str(case_id)}, session=session)
        return _case(document) if document else None

    async def open_case_of(self, student_ref: str, session: Session) -> Case | None:
        document = await self._cases.find_one({"open_for_student": student_ref}, session=session)
        return _case(document) if document else None

    async def open_caseload(self, school_id: str, session: Session) -> dict[str, int]:
        """Open cases per responsible person at one school."""
        counts = await self._cases.aggregate(
            [
                {"$match": {"school_id": school_id, "open_for_student": {"$exists": True}}},
                {"$group": {"_id": "$responsible.staff_id", "open": {"$sum": 1}}},
            ],
            session=session,
        ).to_list(None)
        return {c["_id"]: c["open"] for c in counts if c["_id"]}

    async def of_responsible(self, staff_id: str) -> list[Case]:
        cursor = self._cases.find(
            {"responsible.staff_id": staff_id, "open_for_student": {"$exists": True}}
        ).sort("discussion_due_on", ASCENDING)
        return [_case(d) for d in await cursor.to_list(500)]


class RosterRepository:
    def __init__(self, store: Store) -> None:
        self._rosters = store.collection(ROSTERS)

    async def get(self, school_id: str, session: Session | None = None) -> Roster:
        document = await self._rosters.find_one({"_id": school_id}, session=session)
        members = document["members"] if document else []
        return Roster(
            school_id, tuple(RosterMember(m["staff_id"], StaffRole(m["role"])) for m in members)
        )

    async def put(self, roster: Roster) -> None:
        await self._rosters.replace_one(
            {"_id": roster.school_id},
            {"members": [{"staff_id": m.staff_id, "role": m.role} for m in roster.members]},
            upsert=True,
        )
