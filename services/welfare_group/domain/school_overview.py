"""What a school's principal sees of its open cases beside the §9a caseloads: the cases
nobody leads and the §15 deadlines passed, by id, dates and profession; never the student.

A deadline is breached once its day has passed with no discussion offered and no §15.2
exception recorded; offered late, it was breached, and the case shows it until then only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from services.welfare_group.domain.case import Case
from services.welfare_group.domain.routing import responsible_role
from shared.contracts import StaffRole

__all__ = ["CaseAtSchool", "breached", "deadlines_breached", "unassigned"]


@dataclass(frozen=True)
class CaseAtSchool:
    case_id: UUID
    opened_at: datetime
    discussion_due_on: date | None
    # The lead's profession, or while nobody leads it, the one its concerns are routed to.
    profession: StaffRole
    unassigned: bool

    @classmethod
    def of(cls, case: Case) -> CaseAtSchool:
        role = case.responsible.role if case.responsible else responsible_role(case.categories)
        return cls(case.case_id, case.opened_at, case.discussion_due_on, role, case.unassigned)


def breached(case: Case, today: date) -> bool:
    due = case.discussion_due_on
    return (
        case.is_open
        and due is not None
        and due < today
        and case.discussion_offered_on is None
        and case.discussion_exception is None
    )


def unassigned(cases: Iterable[Case]) -> list[CaseAtSchool]:
    return [CaseAtSchool.of(c) for c in sorted(cases, key=lambda c: c.opened_at) if c.unassigned]


def deadlines_breached(cases: Iterable[Case], today: date) -> list[CaseAtSchool]:
    """Oldest deadline first."""
    late = [c for c in cases if breached(c, today)]
    return [CaseAtSchool.of(c) for c in sorted(late, key=lambda c: c.discussion_due_on or today)]
