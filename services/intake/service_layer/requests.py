"""The student's and a guardian's own requests for a discussion, and another person's
contact as a staff member records it (§15.1-2): the commands, who may send them for whom
and where, and the one ``concern.raised`` each becomes.

Who asks is the sign-in, never the body: a student asks only for themselves, a guardian
only for a child the sign-in names as in their care, and only at a school the sign-in
asserts (the school the student attends); another person's contact only through a staff
member of the school, so nobody outside writes into the system.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from services.intake.domain import (
    Concern,
    ConcernRejected,
    NotTheirs,
    guardian_request,
    other_contact,
    student_request,
)
from services.intake.service_layer.announce import announce
from services.intake.service_layer.raise_concern import NotYourSchool
from services.intake.service_layer.unit_of_work import IntakeUnit
from shared.contracts import (
    ConcernCategory,
    ContactKind,
    DiscussionWith,
    Identifier,
    Role,
    StaffMember,
    Urgency,
    utc_now,
)
from shared.security.identity import Principal

__all__ = ["DiscussionRequest", "OtherContact", "record_contact", "request_discussion"]

Text = Annotated[str, StringConstraints(max_length=5000)]
Categories = Annotated[list[ConcernCategory], Field(min_length=1, max_length=8)]


def _other() -> list[ConcernCategory]:
    return [ConcernCategory.OTHER]


class DiscussionRequest(BaseModel):
    """A student's or a guardian's request for a discussion with the psychologist or the
    kuraattori (§15.1-2); the path names the student."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    school_id: Identifier = Field(description="The school the student attends.")
    discussion_with: DiscussionWith
    urgency: Urgency = Field(
        default=Urgency.ROUTINE, description="As the asker sees it; a professional may judge again."
    )
    categories: Categories = Field(default_factory=_other, description="What it is about.")
    text: Text = Field(default="", description="Optional; kept only in intake, never in events.")
    guardian_must_not_be_told_yet: bool = Field(
        default=False, description="The student's wish that the guardian not be told yet (§18)."
    )
    student_informed: bool = Field(
        default=True, description="A guardian's request: the student knows of it."
    )


class OtherContact(BaseModel):
    """Another person's contact about a student (a parent who is not a guardian, a youth
    worker, a doctor), recorded by the staff member who took it (§15.2)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    student_ref: Identifier
    school_id: Identifier
    contact_kind: ContactKind
    caller_description: Annotated[str, StringConstraints(min_length=1, max_length=5000)] = Field(
        description="Who contacted and what they said. Kept only in intake; never in events."
    )
    discussion_with: DiscussionWith | None = Field(
        default=None, description="The profession the caller asks a discussion of, if any."
    )
    categories: Categories
    urgency: Urgency
    student_informed: bool
    guardian_informed: bool


async def _at_their_school(school_id: str, asserted: Collection[str], unit: IntakeUnit) -> None:
    if not await unit.schools.knows(school_id):
        raise ConcernRejected("school_id", f"there is no school {school_id!r} in the directory")
    if school_id not in asserted:
        raise NotYourSchool(
            f"A request goes to a school the sign-in names (§15): not {school_id!r} (it names "
            f"{', '.join(sorted(asserted)) or 'no school'})."
        )


async def request_discussion(
    student_ref: str, command: DiscussionRequest, asker: Principal, unit: IntakeUnit
) -> Concern:
    """The request of ``asker`` (the student, or a guardian) for ``student_ref``."""
    if not asker.is_family_of(student_ref):
        raise NotTheirs(
            "A student may ask only for themselves, a guardian only for a child in their care "
            "(§15.1-2)."
        )
    await _at_their_school(command.school_id, asker.school_ids, unit)
    now = utc_now()
    if asker.role is Role.STUDENT:
        concern = student_request(
            asker_ref=asker.subject,
            student_ref=student_ref,
            school_id=command.school_id,
            discussion_with=command.discussion_with,
            urgency=command.urgency,
            categories=command.categories,
            text=command.text,
            guardian_must_not_be_told_yet=command.guardian_must_not_be_told_yet,
            now=now,
        )
    else:
        if command.guardian_must_not_be_told_yet:
            raise ConcernRejected(
                "guardian_must_not_be_told_yet",
                "a guardian's own request is known to them; the §18 wish is the student's",
            )
        concern = guardian_request(
            guardian_ref=asker.subject,
            in_care=asker.student_refs,
            student_ref=student_ref,
            school_id=command.school_id,
            discussion_with=command.discussion_with,
            urgency=command.urgency,
            categories=command.categories,
            text=command.text,
            student_informed=command.student_informed,
            now=now,
        )
    await unit.concerns.add(concern)
    announce(concern, unit)
    return concern


async def record_contact(
    command: OtherContact, recorded_by: StaffMember, works_at: Collection[str], unit: IntakeUnit
) -> Concern:
    """Another person's contact as ``recorded_by`` (the token's staff member) took it."""
    await _at_their_school(command.school_id, works_at, unit)
    concern = other_contact(
        recorded_by=recorded_by,
        contact_kind=command.contact_kind,
        student_ref=command.student_ref,
        school_id=command.school_id,
        discussion_with=command.discussion_with,
        urgency=command.urgency,
        categories=command.categories,
        caller_description=command.caller_description,
        student_informed=command.student_informed,
        guardian_informed=command.guardian_informed,
        now=utc_now(),
    )
    await unit.concerns.add(concern)
    announce(concern, unit)
    return concern
