"""The §15 clock: which discussion the law times, and by when it must be offered.

§15 times the offer of a discussion with a psychologist or kuraattori, requested by the
student or on a guardian's, a staff member's or another person's contact; not the nurse's
work. Routine: by the 7th school working day after the request (school breaks skipped).
Urgent: the same or the next working day (weekends and public holidays skipped, school
breaks not). §16.2: when staff could not contact the professional together with the
student, the student is told of the contact and offered a discussion within the same limit
(``StudentNotice``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.routing import responsible_role
from shared.contracts import ConcernCategory, Role, StaffMember, Urgency

__all__ = [
    "DISCUSSION_PROFESSIONS",
    "ROUTINE_SCHOOL_DAYS",
    "URGENT_WORKING_DAYS",
    "StudentNotice",
    "asks_for_discussion",
    "discussion_deadline",
]

ROUTINE_SCHOOL_DAYS = 7  # §15: offered by the 7th school working day after the request
URGENT_WORKING_DAYS = 1  # §15: urgent, the same or the next working day (breaks count)
# §15: the discussion whose offer the law times is one with a psychologist or kuraattori.
DISCUSSION_PROFESSIONS = frozenset({Role.PSYCHOLOGIST, Role.KURAATTORI})


def discussion_deadline(requested_on: date, urgency: Urgency, calendar: SchoolCalendar) -> date:
    """The last day on which a psychologist or kuraattori discussion must be offered: the
    next working day when urgent (a school break does not postpone it), else the 7th school
    working day (§15)."""
    if urgency is Urgency.URGENT:
        return calendar.working_day_after(requested_on, URGENT_WORKING_DAYS)
    return calendar.school_day_after(requested_on, ROUTINE_SCHOOL_DAYS)


def asks_for_discussion(categories: list[ConcernCategory], responsible: StaffMember | None) -> bool:
    """Whether a concern is a request for a §15 discussion: its categories refer it to a
    psychologist or kuraattori, or the person it reaches (the case's lead) is one."""
    led_by = responsible.role if responsible is not None else None
    return bool({responsible_role(categories), led_by} & DISCUSSION_PROFESSIONS)


@dataclass(frozen=True)
class StudentNotice:
    """§16.2: the student, not informed of the contact, is to be told of it and offered a
    discussion by ``due_on``; ``told_on`` once the responsible person records it done."""

    due_on: date
    told_on: date | None = None

    @property
    def pending(self) -> bool:
        return self.told_on is None
