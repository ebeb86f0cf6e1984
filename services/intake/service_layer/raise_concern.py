"""Raising a concern: the command staff send, who may send it where, and what it causes."""

from __future__ import annotations

from collections.abc import Collection
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from services.intake.domain import Concern, ConcernRejected
from services.intake.service_layer.announce import announce
from services.intake.service_layer.unit_of_work import IntakeUnit, RaisingLimit
from shared.contracts import (
    ConcernCategory,
    GuardianHoldGround,
    Identifier,
    StaffMember,
    Urgency,
    utc_now,
)

__all__ = ["NotYourSchool", "RaiseConcern", "TooManyConcerns", "count_attempt", "raise_concern"]


class NotYourSchool(PermissionError):
    """The raiser does not work at the school the concern names (the token says where)."""


class TooManyConcerns(Exception):
    """One person raised more concerns than the limit allows; they may try again later."""

    def __init__(self, retry_after_s: int) -> None:
        super().__init__(f"Too many concerns raised; try again in {retry_after_s} s.")
        self.retry_after_s = retry_after_s


class RaiseConcern(BaseModel):
    """A staff member's concern about a student (§16: contact welfare staff without delay)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    student_ref: Identifier = Field(description="The student's pseudonymous reference.")
    school_id: Identifier
    categories: Annotated[list[ConcernCategory], Field(min_length=1, max_length=8)]
    urgency: Urgency
    description: Annotated[str, StringConstraints(min_length=1, max_length=5000)] = Field(
        description="What was noticed. Kept only in intake's database; never in events."
    )
    student_informed: bool = Field(description="The student knows the concern is raised.")
    guardian_informed: bool = Field(description="The guardian has already been told.")
    guardian_must_not_be_told_yet: bool = Field(
        default=False, description="The guardian must not be notified yet (§18)."
    )
    guardian_hold_ground: GuardianHoldGround | None = Field(
        default=None,
        description="Why the guardian must not be told yet: required with "
        "guardian_must_not_be_told_yet (§16.3).",
    )


async def count_attempt(person: str, limit: RaisingLimit) -> None:
    """Count one attempt by ``person`` to raise a concern, before anything is read or
    written, so that a flood costs the database nothing; raise ``TooManyConcerns`` if over."""
    wait_s = await limit.wait_for(person)
    if wait_s:
        raise TooManyConcerns(wait_s)


async def raise_concern(
    command: RaiseConcern,
    raised_by: StaffMember,
    works_at: Collection[str],
    unit: IntakeUnit,
    *,
    concern_id: UUID | None = None,
) -> Concern:
    """Raise ``command`` as ``raised_by``, who is the caller the token names, never the body,
    at a school of the directory where the token says they work; as ``concern_id`` if
    given (a keyed raising: ``raise_once``)."""
    # The directory first: a school nobody knows is a typo to correct, whoever raises it.
    if not await unit.schools.knows(command.school_id):
        raise ConcernRejected(
            "school_id",
            f"there is no school {command.school_id!r} in the directory; "
            "check the school's identifier",
        )
    if command.school_id not in works_at:
        raise NotYourSchool(
            f"You may raise concerns only at the schools you work at, not at "
            f"{command.school_id!r} (your sign-in names {', '.join(sorted(works_at)) or 'none'})."
        )
    concern = Concern.raise_(
        student_ref=command.student_ref,
        school_id=command.school_id,
        raised_by=raised_by,
        categories=command.categories,
        urgency=command.urgency,
        description=command.description,
        student_informed=command.student_informed,
        guardian_informed=command.guardian_informed,
        guardian_must_not_be_told_yet=command.guardian_must_not_be_told_yet,
        guardian_hold_ground=command.guardian_hold_ground,
        now=utc_now(),
        concern_id=concern_id,
    )
    await unit.concerns.add(concern)
    announce(concern, unit)
    return concern
