"""A concern raised about a student, and what its raiser may later see of it.

The raiser sees only where the concern is (received, with the welfare group) and which
profession handles it: the confidential work that follows is not theirs to see (§16, §21).
So does the student or guardian who asked for a discussion themselves (§15.1), and the
staff member who recorded another person's contact (``requests.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from uuid import UUID, uuid4

from shared.contracts import (
    STAFF_ROLES,
    ConcernCategory,
    ContactKind,
    DiscussionWith,
    GuardianHoldGround,
    RequestedBy,
    Role,
    StaffMember,
    StaffRole,
    Urgency,
)

__all__ = ["Concern", "ConcernRejected", "ConcernStatus"]


class ConcernRejected(ValueError):
    """The concern contradicts itself; the message says how to put it right."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field_name = field_name


class ConcernStatus(StrEnum):
    RECEIVED = "received"
    WITH_WELFARE_GROUP = "with_welfare_group"


@dataclass(frozen=True)
class Concern:
    concern_id: UUID
    student_ref: str
    school_id: str
    raised_by: StaffMember | None  # None: the student's or a guardian's own request
    categories: tuple[ConcernCategory, ...]
    urgency: Urgency
    description: str
    student_informed: bool
    guardian_informed: bool
    guardian_must_not_be_told_yet: bool
    raised_at: datetime
    status: ConcernStatus = ConcernStatus.RECEIVED
    case_id: UUID | None = None
    handled_by_role: StaffRole | None = None
    handed_over_at: datetime | None = None
    history: tuple[tuple[ConcernStatus, datetime], ...] = field(default=())
    requested_by: RequestedBy = RequestedBy.STAFF
    requester_ref: str | None = None  # the student's own reference, or the guardian's id
    discussion_with: DiscussionWith | None = None  # the profession a §15 discussion is asked of
    contact_kind: ContactKind | None = None  # how another person's contact came in
    guardian_hold_ground: GuardianHoldGround | None = None

    def followed_by(self, role: Role, subject: str) -> bool:
        """Whether ``subject``, signed in as ``role``, is who raised, recorded or asked it."""
        if self.raised_by is not None:
            return role in STAFF_ROLES and self.raised_by.staff_id == subject
        asker = Role.STUDENT if self.requested_by is RequestedBy.STUDENT else Role.GUARDIAN
        return role is asker and self.requester_ref == subject

    @classmethod
    def raise_(
        cls,
        *,
        student_ref: str,
        school_id: str,
        raised_by: StaffMember,
        categories: list[ConcernCategory],
        urgency: Urgency,
        description: str,
        student_informed: bool,
        guardian_informed: bool,
        guardian_must_not_be_told_yet: bool,
        now: datetime,
        guardian_hold_ground: GuardianHoldGround | None = None,
        concern_id: UUID | None = None,
    ) -> Concern:
        """A new concern; ``concern_id`` only where the raiser's retry must find it again
        (an idempotency key), a fresh one otherwise."""
        if len(set(categories)) != len(categories):
            raise ConcernRejected("categories", "each category may be given only once")
        if guardian_must_not_be_told_yet and guardian_informed:
            raise ConcernRejected(
                "guardian_must_not_be_told_yet",
                "the guardian has already been told; leave guardian_must_not_be_told_yet false",
            )
        if guardian_must_not_be_told_yet and guardian_hold_ground is None:
            raise ConcernRejected(
                "guardian_hold_ground",
                "say why the guardian must not be told yet (§16.3): choose a ground",
            )
        if guardian_hold_ground is not None and not guardian_must_not_be_told_yet:
            raise ConcernRejected(
                "guardian_hold_ground", "a ground is given only with guardian_must_not_be_told_yet"
            )
        if not description.strip():
            raise ConcernRejected("description", "describe what was noticed")
        return cls(
            concern_id=concern_id or uuid4(),
            student_ref=student_ref,
            school_id=school_id,
            raised_by=raised_by,
            categories=tuple(categories),
            urgency=urgency,
            description=description.strip(),
            student_informed=student_informed,
            guardian_informed=guardian_informed,
            guardian_must_not_be_told_yet=guardian_must_not_be_told_yet,
            guardian_hold_ground=guardian_hold_ground,
            raised_at=now,
            history=((ConcernStatus.RECEIVED, now),),
        )

    def hand_over(self, *, case_id: UUID, handled_by: StaffRole | None, at: datetime) -> Concern:
        """The welfare group has taken the concern into a case. Repeating it changes nothing."""
        if self.status is ConcernStatus.WITH_WELFARE_GROUP:
            return self
        return replace(
            self,
            status=ConcernStatus.WITH_WELFARE_GROUP,
            case_id=case_id,
            handled_by_role=handled_by,
            handed_over_at=at,
            history=(*self.history, (ConcernStatus.WITH_WELFARE_GROUP, at)),
        )
