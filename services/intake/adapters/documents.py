"""How a concern is written in intake's database and read back: the narrative sealed with
the concern's own key, everything else in the clear for the queries that need it."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from services.intake.domain import Concern, ConcernStatus, ConcernSummary
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
from shared.sealing import Sealer

__all__ = ["from_document", "progress", "summary", "to_document"]


def progress(concern: Concern) -> dict[str, Any]:
    """What changes after a concern is raised: where it is. The narrative is written once."""
    return {
        "status": concern.status,
        "case_id": str(concern.case_id) if concern.case_id else None,
        "handled_by_role": concern.handled_by_role,
        "handed_over_at": concern.handed_over_at,
        "history": [{"status": s, "at": at} for s, at in concern.history],
    }


def to_document(concern: Concern, sealer: Sealer) -> dict[str, Any]:
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
        **progress(concern),
    }


def _history(document: dict[str, Any]) -> tuple[tuple[ConcernStatus, datetime], ...]:
    return tuple((ConcernStatus(h["status"]), h["at"]) for h in document["history"])


def from_document(document: dict[str, Any], sealer: Sealer) -> Concern:
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
        history=_history(document),
        requested_by=RequestedBy(document.get("requested_by", RequestedBy.STAFF)),
        requester_ref=document.get("requester_ref"),
        discussion_with=DiscussionWith(discussion_with) if discussion_with else None,
        contact_kind=ContactKind(contact_kind) if contact_kind else None,
    )


def summary(document: dict[str, Any]) -> ConcernSummary:
    return ConcernSummary(
        concern_id=UUID(document["_id"]),
        student_ref=document["student_ref"],
        school_id=document["school_id"],
        categories=tuple(ConcernCategory(c) for c in document["categories"]),
        urgency=Urgency(document["urgency"]),
        raised_at=document["raised_at"],
        status=ConcernStatus(document["status"]),
        handled_by_role=Role(document["handled_by_role"]) if document["handled_by_role"] else None,
        handed_over_at=document["handed_over_at"],
        history=_history(document),
    )
