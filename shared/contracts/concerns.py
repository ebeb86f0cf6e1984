"""``concern.raised``: a staff member's concern, the student's or a guardian's own request,
or another person's contact recorded by staff (§15.1-2, §16).

Version 1 grew with the requests, compatibly: every field added has a default that says
what a staff concern always said (``requested_by="staff"``, nothing asked of a profession),
so each event written before still reads the same. Who asked decides who must be named:
a staff concern and another person's contact name the staff member who raised or recorded
it; the student's and a guardian's own requests name no staff member, only the requester's
pseudonymous reference, and always the profession asked for.
"""

from __future__ import annotations

from typing import Literal, Self
from uuid import UUID

from pydantic import AwareDatetime, model_validator

from shared.contracts.envelope import Event
from shared.contracts.events import Categories, EventData, StaffMember
from shared.contracts.vocabulary import (
    ContactKind,
    DiscussionWith,
    GuardianHoldGround,
    Identifier,
    RequestedBy,
    Urgency,
)

__all__ = ["ConcernRaisedData", "ConcernRaisedV1"]

_BY_STAFF = frozenset({RequestedBy.STAFF, RequestedBy.OTHER})


class ConcernRaisedData(EventData):
    concern_id: UUID
    student_ref: Identifier
    school_id: Identifier
    # The staff member who raised it, or who recorded another person's contact; None for
    # the student's or a guardian's own request, where no staff member speaks.
    raised_by: StaffMember | None = None
    categories: Categories
    urgency: Urgency  # as the asker put it; a professional may assess it again
    student_informed: bool
    guardian_informed: bool
    guardian_must_not_be_told_yet: bool
    raised_at: AwareDatetime  # the request day: the §15 clock runs from it
    requested_by: RequestedBy = RequestedBy.STAFF
    # The student's own reference, or the guardian's pseudonymous id: never a name.
    requester_ref: Identifier | None = None
    # The profession a §15 discussion is asked of; None: nobody asked for one.
    discussion_with: DiscussionWith | None = None
    # How another person's contact came in (phone, letter, in person).
    contact_kind: ContactKind | None = None
    # Why the guardian must not be told yet (§16.3): given with every hold. Optional within
    # v1: events written before it was added do not carry it.
    guardian_hold_ground: GuardianHoldGround | None = None

    @model_validator(mode="after")
    def _who_asked_is_named_as_its_way_in_says(self) -> Self:
        by_staff = self.requested_by in _BY_STAFF
        if by_staff != (self.raised_by is not None):
            raise ValueError("raised_by names the staff member exactly for staff and other")
        if by_staff == (self.requester_ref is not None):
            raise ValueError("requester_ref is given exactly for student and guardian requests")
        if self.requested_by is RequestedBy.STUDENT and self.requester_ref != self.student_ref:
            raise ValueError("a student requests only for themselves")
        if (self.requested_by is RequestedBy.OTHER) != (self.contact_kind is not None):
            raise ValueError("contact_kind is given exactly for another person's contact")
        if not by_staff and self.discussion_with is None:
            raise ValueError("a student's or guardian's request names discussion_with")
        return self


class ConcernRaisedV1(Event[ConcernRaisedData]):
    type: Literal["concern.raised"] = "concern.raised"
    schema_version: Literal[1] = 1
