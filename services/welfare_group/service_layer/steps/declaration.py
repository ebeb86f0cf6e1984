"""What declaring a case step says, once: everything else about the step is derived.

A declaration names the step's path under ``/cases/{case_id}/``, its request model, the
domain rule that takes it, on which basis a caller may take it, whom it involves and whom
it must be told to. The HTTP route, the access policy's entry, the API documentation and
the step event (and so the notifications) are all made from it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, TypeVar
from uuid import UUID

from pydantic import BaseModel

from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.consent_requests import FamilyMember
from services.welfare_group.domain.need_to_know import CASE_TEAM, FAMILY_BASES, Basis
from services.welfare_group.domain.record import RecordEntry
from services.welfare_group.domain.routing import Roster
from services.welfare_group.domain.students import StudentIdentity
from shared.contracts import Audience, StaffMember

__all__ = ["CaseStep", "StepContext", "nobody"]

R = TypeVar("R", bound=BaseModel)


@dataclass(frozen=True)
class StepContext:
    """What a step is taken with besides its request: who, when, and what the path names.

    Who is a professional, or for a step that admits the family, the student or a guardian
    acting for themselves (``family``)."""

    actor: StaffMember | FamilyMember
    at: datetime
    path_id: UUID | None = None  # the meeting held, the entry corrected
    roster: Roster | None = None  # the school's welfare staff, for a step that needs it
    calendar: SchoolCalendar | None = None  # the school's, for a step that counts days
    # The student as the school's student register knows them, for the step that writes
    # the record's §20.4 header; None where the step does not need it or the register
    # does not know the student.
    student: StudentIdentity | None = None

    @property
    def by(self) -> StaffMember:
        """The professional taking the step; a step that admits the family asks ``family``
        first."""
        if not isinstance(self.actor, StaffMember):
            raise LookupError("a family member takes this step, not a professional")
        return self.actor

    @property
    def family(self) -> FamilyMember | None:
        return self.actor if isinstance(self.actor, FamilyMember) else None

    @property
    def school_calendar(self) -> SchoolCalendar:
        """The school's calendar; only a step declared ``needs_calendar`` asks for it."""
        if self.calendar is None:
            raise LookupError("this step is not declared to need the school's calendar")
        return self.calendar

    @property
    def named_id(self) -> UUID:
        """The id the step's path names; only a step whose path names one asks for it."""
        if self.path_id is None:
            raise LookupError("this step's path names no id")
        return self.path_id


def nobody(*_: object) -> Audience:
    return Audience.NOBODY


def _no_one(_: object) -> Iterable[str]:
    return ()


@dataclass(frozen=True)
class CaseStep(Generic[R]):
    path: str
    summary: str
    description: str
    request: type[R]
    take: Callable[[Case, R, StepContext], Case]
    # The bases (§14, §16, §18) on which a caller reaches the case to take this step.
    admits: frozenset[Basis] = CASE_TEAM
    # The staff the step concerns (members, attendees, owners): they are named in the event.
    involved: Callable[[R], Iterable[str]] = _no_one
    # Whom each record entry the step makes must be told to.
    audience: Callable[[R, RecordEntry], Audience] = nobody
    needs_roster: bool = False
    needs_calendar: bool = False  # the §15 clock's steps count the school's days
    needs_student: bool = False
    # Whom a step the family takes themselves must be told to: the case's responsible
    # person (the event names them as involved). Only for a step whose ``admits`` has them.
    family_audience: Audience = Audience.RESPONSIBLE
    name: str = field(init=False)
    path_param: str | None = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", re.sub(r"\W+", "_", self.path).strip("_"))
        named = re.findall(r"\{(\w+)\}", self.path)
        object.__setattr__(self, "path_param", named[0] if named else None)

    @property
    def admits_family(self) -> bool:
        return bool(self.admits & FAMILY_BASES)

    @property
    def route(self) -> str:
        return "/cases/{case_id}/" + self.path
