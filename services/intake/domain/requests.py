"""The ways in that are not a staff member's own concern (§15.1-2): the student's request
for a discussion, a guardian's request for their child, and another person's contact,
recorded by the staff member who took it. Each becomes a ``Concern`` that names who asked.

The rules of who may ask for whom are here, pure: a student only for themselves, a
guardian only for a child in their care (as the sign-in asserts it), another person only
through a staff member, so no outsider writes into the system.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from uuid import uuid4

from services.intake.domain.concern import Concern, ConcernStatus
from shared.contracts import (
    ConcernCategory,
    ContactKind,
    DiscussionWith,
    RequestedBy,
    StaffMember,
    Urgency,
)

__all__ = ["NotTheirs", "guardian_request", "other_contact", "student_request"]


class NotTheirs(PermissionError):
    """A student asked for someone else, or a guardian for a child the sign-in does not
    name as in their care. Said alike whether or not the student exists."""


def _asked(
    *,
    student_ref: str,
    school_id: str,
    categories: list[ConcernCategory],
    urgency: Urgency,
    text: str,
    now: datetime,
    raised_by: StaffMember | None,
    requested_by: RequestedBy,
    requester_ref: str | None = None,
    discussion_with: DiscussionWith | None,
    contact_kind: ContactKind | None = None,
    student_informed: bool,
    guardian_informed: bool,
    guardian_must_not_be_told_yet: bool,
) -> Concern:
    return Concern(
        concern_id=uuid4(),
        student_ref=student_ref,
        school_id=school_id,
        categories=tuple(dict.fromkeys(categories)),
        urgency=urgency,
        description=text.strip(),
        raised_at=now,
        history=((ConcernStatus.RECEIVED, now),),
        raised_by=raised_by,
        requested_by=requested_by,
        requester_ref=requester_ref,
        discussion_with=discussion_with,
        contact_kind=contact_kind,
        student_informed=student_informed,
        guardian_informed=guardian_informed,
        guardian_must_not_be_told_yet=guardian_must_not_be_told_yet,
    )


def student_request(
    *,
    asker_ref: str,
    student_ref: str,
    school_id: str,
    discussion_with: DiscussionWith,
    urgency: Urgency,
    categories: list[ConcernCategory],
    text: str,
    guardian_must_not_be_told_yet: bool,
    now: datetime,
) -> Concern:
    """The student asks for a discussion themselves (§15.1): the reference is their own."""
    if student_ref != asker_ref:
        raise NotTheirs("A student may ask for a discussion only for themselves (§15.1).")
    return _asked(
        student_ref=student_ref,
        school_id=school_id,
        categories=categories,
        urgency=urgency,
        text=text,
        now=now,
        raised_by=None,
        requested_by=RequestedBy.STUDENT,
        requester_ref=student_ref,
        discussion_with=discussion_with,
        student_informed=True,
        guardian_informed=False,
        guardian_must_not_be_told_yet=guardian_must_not_be_told_yet,
    )


def guardian_request(
    *,
    guardian_ref: str,
    in_care: Collection[str],
    student_ref: str,
    school_id: str,
    discussion_with: DiscussionWith,
    urgency: Urgency,
    categories: list[ConcernCategory],
    text: str,
    student_informed: bool,
    now: datetime,
) -> Concern:
    """A guardian asks for a discussion for their child (§15.2)."""
    if student_ref not in in_care:
        raise NotTheirs("A guardian may ask only for a child in their care (§15.2).")
    return _asked(
        student_ref=student_ref,
        school_id=school_id,
        categories=categories,
        urgency=urgency,
        text=text,
        now=now,
        raised_by=None,
        requested_by=RequestedBy.GUARDIAN,
        requester_ref=guardian_ref,
        discussion_with=discussion_with,
        student_informed=student_informed,
        guardian_informed=True,
        guardian_must_not_be_told_yet=False,
    )


def other_contact(
    *,
    recorded_by: StaffMember,
    contact_kind: ContactKind,
    student_ref: str,
    school_id: str,
    discussion_with: DiscussionWith | None,
    urgency: Urgency,
    categories: list[ConcernCategory],
    caller_description: str,
    student_informed: bool,
    guardian_informed: bool,
    now: datetime,
) -> Concern:
    """Another person's contact (a parent who is not a guardian, a youth worker, a doctor),
    as the staff member who took it records it (§15.2)."""
    return _asked(
        student_ref=student_ref,
        school_id=school_id,
        categories=categories,
        urgency=urgency,
        text=caller_description,
        now=now,
        raised_by=recorded_by,
        requested_by=RequestedBy.OTHER,
        contact_kind=contact_kind,
        discussion_with=discussion_with,
        student_informed=student_informed,
        guardian_informed=guardian_informed,
        guardian_must_not_be_told_yet=False,
    )
