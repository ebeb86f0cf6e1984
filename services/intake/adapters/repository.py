"""Concerns in intake's own database: the only place the free-text description is kept."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from services.intake.domain import Concern, ConcernStatus, Raiser
from shared.contracts import ConcernCategory, StaffRole, Urgency
from shared.storage import Collection, Index, Session, Store

__all__ = ["CONCERNS", "ConcernRepository"]

CONCERNS = "concerns"


def _to_document(concern: Concern) -> dict[str, Any]:
    return {
        "_id": str(concern.concern_id),
        "student_ref": concern.student_ref,
        "school_id": concern.school_id,
        "raised_by": {"staff_id": concern.raised_by.staff_id, "role": concern.raised_by.role},
        "categories": list(concern.categories),
        "urgency": concern.urgency,
        "description": concern.description,
        "student_informed": concern.student_informed,
        "guardian_informed": concern.guardian_informed,
        "guardian_must_not_be_told_yet": concern.guardian_must_not_be_told_yet,
        "raised_at": concern.raised_at,
        "status": concern.status,
        "case_id": str(concern.case_id) if concern.case_id else None,
        "handled_by_role": concern.handled_by_role,
        "handed_over_at": concern.handed_over_at,
        "history": [{"status": s, "at": at} for s, at in concern.history],
    }


def _from_document(document: dict[str, Any]) -> Concern:
    return Concern(
        concern_id=UUID(document["_id"]),
        student_ref=document["student_ref"],
        school_id=document["school_id"],
        raised_by=Raiser(
            document["raised_by"]["staff_id"], StaffRole(document["raised_by"]["role"])
        ),
        categories=tuple(ConcernCategory(c) for c in document["categories"]),
        urgency=Urgency(document["urgency"]),
        description=document["description"],
        student_informed=document["student_informed"],
        guardian_informed=document["guardian_informed"],
        guardian_must_not_be_told_yet=document["guardian_must_not_be_told_yet"],
        raised_at=document["raised_at"],
        status=ConcernStatus(document["status"]),
        case_id=UUID(document["case_id"]) if document["case_id"] else None,
        handled_by_role=StaffRole(document["handled_by_role"])
        if document["handled_by_role"]
        else None,
        handed_over_at=document["handed_over_at"],
        history=tuple((ConcernStatus(h["status"]), h["at"]) for h in document["history"]),
    )


class ConcernRepository:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._collection: Collection = store.collection(CONCERNS)

    async def ensure_indexes(self) -> None:
        await self._store.ensure_indexes(
            CONCERNS, [Index([("raised_by.staff_id", 1), ("raised_at", -1)])]
        )

    async def add(self, concern: Concern, session: Session) -> None:
        await self._collection.insert_one(_to_document(concern), session=session)

    async def save(self, concern: Concern, session: Session) -> None:
        await self._collection.replace_one(
            {"_id": str(concern.concern_id)}, _to_document(concern), session=session
        )

    async def get(self, concern_id: UUID, session: Session | None = None) -> Concern | None:
        document = await self._collection.find_one({"_id": str(concern_id)}, session=session)
        return _from_document(document) if document else None
