"""Raising a concern: the command staff send, and what it does."""

from __future__ import annotations

from collections.abc import Collection
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from services.intake.adapters.repository import ConcernRepository
from services.intake.adapters.schools import SchoolDirectory
from services.intake.domain import Concern, ConcernRejected, Raiser
from services.intake.settings import SERVICE
from shared.contracts import (
    ConcernCategory,
    ConcernRaisedData,
    ConcernRaisedV1,
    Identifier,
    StaffMember,
    Urgency,
    utc_now,
)
from shared.unit_of_work import UnitOfWork

__all__ = ["NotYourSchool", "RaiseConcern", "raise_concern"]


class NotYourSchool(PermissionError):
    """The raiser does not work at the school the concern names (the token says where)."""


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


async def raise_concern(
    command: RaiseConcern,
    raised_by: StaffMember,
    works_at: Collection[str],
    unit: UnitOfWork,
    concerns: ConcernRepository,
    schools: SchoolDirectory,
) -> Concern:
    """Raise ``command`` as ``raised_by``, who is the caller the token names, never the body,
    at a school of the directory where the token says they work."""
    if not await schools.knows(command.school_id, unit.transaction):
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
        raised_by=Raiser(raised_by.staff_id, raised_by.role),
        categories=command.categories,
        urgency=command.urgency,
        description=command.description,
        student_informed=command.student_informed,
        guardian_informed=command.guardian_informed,
        guardian_must_not_be_told_yet=command.guardian_must_not_be_told_yet,
        now=utc_now(),
    )
    await concerns.add(concern, unit.transaction)
    unit.emit(
        ConcernRaisedV1.first(
            producer=SERVICE,
            partition_key=concern.student_ref,
            data=ConcernRaisedData(
                concern_id=concern.concern_id,
                student_ref=concern.student_ref,
                school_id=concern.school_id,
                raised_by=raised_by,
                categories=list(concern.categories),
                urgency=concern.urgency,
                student_informed=concern.student_informed,
                guardian_informed=concern.guardian_informed,
                guardian_must_not_be_told_yet=concern.guardian_must_not_be_told_yet,
                raised_at=concern.raised_at,
            ),
        )
    )
    return concern
