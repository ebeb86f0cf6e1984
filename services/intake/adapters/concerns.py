"""Concerns in intake's own database: the only place the free-text description is kept,
sealed with the concern's own data key, so that erasing the key erases the narrative."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from services.intake.domain import Concern, ConcernStatus
from shared.contracts import (
    ConcernCategory,
    ContactKind,
    DiscussionWith,
    GuardianHoldGround,
    RequestedBy,
    Role,
    StaffMember,
    Urgency,
)
from shared.sealing import DataKeys, Sealer
from shared.storage import Collection, Index, Session, Store

__all__ = ["CONCERNS", "ConcernRepository"]

CONCERNS = "concerns"


def _progress(concern: Concern) -> dict[str, Any]:
    """What changes after a concern is raised: where it is. The narrative is written once."""
    return {
        "status": concern.status,
        "case_id": str(concern.case_id) if concern.case_id else None,
        "handled_by_role": concern.handled_by_role,
        "handed_over_at": concern.handed_over_at,
        "history": [{"status": s, "at": at} for s, at in concern.history],
    }


def _to_document(concern: Concern, sealer: Sealer) -> dict[str, Any]:
    return {
        "_id": str(concern.concern_id),
        "student_ref": concern.student_ref,
        "school_id": concern.school_id,
        "raised_by": (
            {"staff_id": concern.raised_by.staff_id, "role": concern.raised_by.role}
            if concern.raised_by
            else None
        ),
        "requested_by": concern.requested_by,
        "requester_ref": concern.requester_ref,
        "discussion_with": concern.discussion_with,
        "contact_kind": concern.contact_kind,
        "categories": list(concern.categories),
        "urgency": concern.urgency,
        "sealed": sealer.seal({"description": concern.description}),
        "student_informed": concern.student_informed,
        "guardian_informed": concern.guardian_informed,
        "guardian_must_not_be_told_yet": concern.guardian_must_not_be_told_yet,
        "guardian_hold_ground": concern.guardian_hold_ground,
        "raised_at": concern.raised_at,
        **_progress(concern),
    }


def _from_document(document: dict[str, Any], sealer: Sealer) -> Concern:
    raised_by = document["raised_by"]
    # Stored before the requests came in: a staff member's concern, nothing asked of anyone.
    discussion_with = document.get("discussion_with")
    contact_kind = document.get("contact_kind")
    return Concern(
        concern_id=UUID(document["_id"]),
        student_ref=document["student_ref"],
        school_id=document["school_id"],
        raised_by=StaffMember(raised_by["staff_id"], Role(raised_by["role"]))
        if raised_by
        else None,
        categories=tuple(ConcernCategory(c) for c in document["categories"]),
        urgency=Urgency(document["urgency"]),
        description=sealer.open(document["sealed"])["description"],
        student_informed=document["student_informed"],
        guardian_informed=document["guardian_informed"],
        guardian_must_not_be_told_yet=document["guardian_must_not_be_told_yet"],
        guardian_hold_ground=GuardianHoldGround(g)
        if (g := document.get("guardian_hold_ground"))
        else None,
        raised_at=document["raised_at"],
        status=ConcernStatus(document["status"]),
        case_id=UUID(document["case_id"]) if document["case_id"] else None,
        handled_by_role=Role(document["handled_by_role"]) if document["handled_by_role"] else None,
        handed_over_at=document["handed_over_at"],
        history=tuple((ConcernStatus(h["status"]), h["at"]) for h in document["history"]),
        requested_by=RequestedBy(document.get("requested_by", RequestedBy.STAFF)),
        requester_ref=document.get("requester_ref"),
        discussion_with=DiscussionWith(discussion_with) if discussion_with else None,
        contact_kind=ContactKind(contact_kind) if contact_kind else None,
    )


class ConcernRepository:
    """Concerns, bound to one transaction's session (or to none, for startup and reads)."""

    def __init__(self, store: Store, keys: DataKeys, session: Session | None = None) -> None:
        self._store = store
        self._keys = keys
        self._session = session
        self._collection: Collection = store.collection(CONCERNS)

    @property
    def _transaction(self) -> Session:
        # A concern's key is created and shredded with the concern, in one transaction.
        if self._session is None:
            raise RuntimeError("concerns are added and erased only in a transaction")
        return self._session

    async def ensure_indexes(self) -> None:
        await self._store.ensure_indexes(
            CONCERNS,
            [
                Index([("raised_by.staff_id", 1), ("raised_at", -1)]),
                Index([("student_ref", 1)]),
                Index([("case_id", 1)]),
            ],
        )

    async def add(self, concern: Concern) -> None:
        sealer = await self._keys.create(str(concern.concern_id), self._transaction)
        await self._collection.insert_one(_to_document(concern, sealer), session=self._session)

    async def save(self, concern: Concern, *, guardian_may_be_told: bool | None = None) -> None:
        """Save where the concern is, and what the case says of the guardian, if it says."""
        progress = _progress(concern)
        if guardian_may_be_told is not None:
            progress["guardian_may_be_told"] = guardian_may_be_told
        await self._collection.update_one(
            {"_id": str(concern.concern_id)}, {"$set": progress}, session=self._session
        )

    async def get(self, concern_id: UUID) -> Concern | None:
        document = await self._collection.find_one({"_id": str(concern_id)}, session=self._session)
        if document is None:
            return None
        return _from_document(document, await self._keys.sealer(document["_id"], self._session))

    async def guardian_kept_out(self, student_ref: str) -> bool:
        """Whether the guardian is kept from any of the student's concerns (§18): by what
        the welfare group last said of its case, or, before it said anything, by the
        raiser's own request that the guardian not be told yet."""
        found = await self._collection.find_one(
            {
                "student_ref": student_ref,
                "$or": [
                    {"guardian_may_be_told": False},
                    {"guardian_may_be_told": None, "guardian_must_not_be_told_yet": True},
                ],
            },
            projection={"_id": True},
            session=self._session,
        )
        return found is not None

    async def guardian_may_be_told(self, case_id: UUID, told: bool) -> None:
        """What the welfare group says now of the case's guardian: a §18 bar, or a raiser's
        hold kept or lifted, reaches the concerns taken into the case."""
        await self._collection.update_many(
            {"case_id": str(case_id)},
            {"$set": {"guardian_may_be_told": told}},
            session=self._session,
        )

    async def erase(self, concern_ids: list[UUID]) -> None:
        """Forget the concerns: their keys first, which alone makes the narrative unreadable
        wherever it was copied, then the documents."""
        for concern_id in concern_ids:
            await self._keys.shred(str(concern_id), self._transaction)
        await self._collection.delete_many(
            {"_id": {"$in": [str(c) for c in concern_ids]}}, session=self._session
        )
