"""What the raiser of a concern may follow of it: where it is (received, with the welfare
group) and the profession it was referred to; nothing of the confidential work that
follows, which is not theirs to see (§16, §21). And what the family may not see here."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel

from services.intake.domain import Concern, ConcernStatus, ConcernSummary
from services.intake.service_layer.unit_of_work import IntakeUnit
from shared.contracts import ConcernCategory, Role, StaffMember, StaffRole, Urgency

__all__ = [
    "ConcernStatusView",
    "NotTheRaiser",
    "RaisedConcernView",
    "StatusChange",
    "concerns_raised_by",
    "family_refusal",
    "follow_concern",
]


class StatusChange(BaseModel):
    status: ConcernStatus
    at: datetime


class ConcernStatusView(BaseModel):
    concern_id: UUID
    status: ConcernStatus
    raised_at: datetime
    handed_over_at: datetime | None
    handled_by_role: StaffRole | None
    history: list[StatusChange]

    @classmethod
    def of(cls, concern: Concern | ConcernSummary) -> ConcernStatusView:
        return cls(
            concern_id=concern.concern_id,
            status=concern.status,
            raised_at=concern.raised_at,
            handed_over_at=concern.handed_over_at,
            handled_by_role=concern.handled_by_role,
            history=[StatusChange(status=s, at=at) for s, at in concern.history],
        )


class RaisedConcernView(ConcernStatusView):
    """One concern of its raiser's own list: what they raised and where it is, never the
    narrative."""

    student_ref: str
    school_id: str
    categories: list[ConcernCategory]
    urgency: Urgency

    @classmethod
    def of(cls, concern: Concern | ConcernSummary) -> RaisedConcernView:
        return cls(
            **ConcernStatusView.of(concern).model_dump(),
            student_ref=concern.student_ref,
            school_id=concern.school_id,
            categories=list(concern.categories),
            urgency=concern.urgency,
        )


class NotTheRaiser(PermissionError):
    """Only the person who raised a concern (or asked, or recorded the contact) may follow
    it. Raised alike whether or not the concern exists: an id must tell nobody else that a
    student is of concern."""

    def __init__(self, student_ref: str | None) -> None:
        super().__init__("Only the person who raised a concern may follow it.")
        self.student_ref = student_ref


async def follow_concern(
    concern_id: UUID, follower: str, unit: IntakeUnit, *, role: Role
) -> Concern:
    """The concern ``concern_id`` for ``follower`` signed in as ``role``, if they raised,
    recorded or asked it; they are shown only its ``ConcernStatusView``."""
    concern = await unit.concerns.get(concern_id)
    if concern is None or not concern.followed_by(role, follower):
        raise NotTheRaiser(concern.student_ref if concern else None)
    return concern


async def concerns_raised_by(
    raiser: StaffMember, unit: IntakeUnit, *, limit: int
) -> list[ConcernSummary]:
    """The concerns ``raiser`` raised or recorded, newest first: each one they could follow
    by its id (``follow_concern``), and no other."""
    return await unit.concerns.raised_by(raiser.staff_id, limit=limit)


async def family_refusal(role: Role, student_ref: str, unit: IntakeUnit) -> str | None:
    """Why a family member may not read the student's access log here, or None if they may:
    a guardian kept from any of the student's concerns would learn of it from the log."""
    if role is Role.GUARDIAN and await unit.concerns.guardian_kept_out(student_ref):
        return "The guardian may not be told of this yet (§18)."
    return None
