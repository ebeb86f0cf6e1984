"""Whether the student is of age, asked of the student register whenever a case is taken up,
changed or reached, so that a student who turned 18 mid-case has no guardian from that day.

A student the register does not know is taken as a minor: the guardian rules stand as they
would without the register (and a warning counts the gap). Only the derived fact "of age"
is used: the date of birth stays in the register's adapter.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from services.welfare_group.domain.case import Case
from services.welfare_group.domain.lifecycle import come_of_age
from services.welfare_group.service_layer.unit_of_work import StudentRegister
from shared.contracts import utc_now
from shared.logging import get_logger

__all__ = ["AsItStands", "as_it_stands", "current_age", "student_of_age"]

log = get_logger(__name__)

AsItStands = Callable[[Case], Awaitable[Case]]


async def student_of_age(
    students: StudentRegister, student_ref: str, *, at: datetime, timezone: ZoneInfo
) -> bool:
    """Of age on the school's day ``at`` falls on."""
    found = await students.of_age(student_ref, at.astimezone(timezone).date())
    if found is None:
        log.warning("student_not_in_register")
    return bool(found)


async def as_it_stands(
    case: Case, students: StudentRegister, *, at: datetime, timezone: ZoneInfo
) -> Case:
    adult = await student_of_age(students, case.student_ref, at=at, timezone=timezone)
    return come_of_age(case, of_age=adult)


def current_age(students: StudentRegister, timezone: ZoneInfo) -> AsItStands:
    """For reads outside a transaction (the guards, the record export): the case as of now."""

    async def current(case: Case) -> Case:
        return await as_it_stands(case, students, at=utc_now(), timezone=timezone)

    return current
