"""A raised concern becomes a case, or joins the student's open case at the same school.

A concern naming a school the directory does not know is refused (dead-lettered with the
reason): a case there would reach nobody. A case whose roster names no one who can lead it
is opened unassigned, and the principal and the welfare administrator are told at once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from services.welfare_group.adapters.repository import (
    CalendarRepository,
    CaseRepository,
    RosterRepository,
)
from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.routing import (
    choose_responsible,
    responsible_role,
    roles_to_notify,
)
from services.welfare_group.settings import SERVICE
from shared.consumer import Unprocessable
from shared.contracts import (
    CaseConcernLinkedData,
    CaseConcernLinkedV1,
    CaseOpenedData,
    CaseOpenedV1,
    ConcernRaisedData,
    ConcernRaisedV1,
    StaffMember,
)
from shared.logging import get_logger
from shared.storage import Session
from shared.unit_of_work import UnitOfWork

__all__ = ["CaseIntake", "on_concern_raised", "responsible_of"]


log = get_logger(__name__)


@dataclass(frozen=True)
class CaseIntake:
    """What the handler needs besides the event: repositories and the calendar."""

    cases: CaseRepository
    rosters: RosterRepository
    calendars: CalendarRepository
    timezone: ZoneInfo
    schedule: Callable[[Case, SchoolCalendar, Session], Awaitable[None]]


def responsible_of(case: Case) -> StaffMember | None:
    """The case's responsible person as the contracts name staff."""
    r = case.responsible
    return StaffMember(staff_id=r.staff_id, role=r.role) if r else None


def _facts(case: Case, concern: ConcernRaisedData) -> dict[str, Any]:
    """The fields every case event shares (``CaseFacts``)."""
    return {
        "concern_id": concern.concern_id,
        # What the concern's own categories call for: the raiser is shown this, the same
        # whether or not the student already had a case.
        "referred_to": responsible_role(concern.categories),
        "case_id": case.case_id,
        "student_ref": case.student_ref,
        "school_id": case.school_id,
        "categories": list(case.categories),
        "urgency": case.urgency,
        "responsible": responsible_of(case),
        "discussion_due_on": case.discussion_due_on,
    }


async def on_concern_raised(event: ConcernRaisedV1, unit: UnitOfWork, deps: CaseIntake) -> None:
    concern = event.data
    requested_on = concern.raised_at.astimezone(deps.timezone).date()
    raiser = StaffMember(concern.raised_by.staff_id, concern.raised_by.role)
    existing = await deps.cases.open_case_of(
        concern.student_ref, concern.school_id, unit.transaction
    )
    calendar = await deps.calendars.of_school(concern.school_id, unit.transaction)
    if existing is not None:  # an open case at the school proves the school known
        case = existing.link_concern(
            concern_id=concern.concern_id,
            school_id=concern.school_id,
            categories=concern.categories,
            urgency=concern.urgency,
            guardian_must_not_be_told_yet=concern.guardian_must_not_be_told_yet,
            raised_by=raiser,
            requested_on=requested_on,
            calendar=calendar,
            now=event.occurred_at,
        )
        await deps.cases.save(case, unit.transaction)
        await deps.schedule(case, calendar, unit.transaction)
        unit.emit(
            CaseConcernLinkedV1.caused_by(
                event,
                producer=SERVICE,
                data=CaseConcernLinkedData(**_facts(case, concern)),
            )
        )
        log.info("concern_linked_to_open_case", case_id=str(case.case_id))
        return

    roster = await deps.rosters.find(concern.school_id, unit.transaction)
    if roster is None:
        raise Unprocessable("unknown_school", "the concern names a school not in the directory")
    caseload = await deps.cases.open_caseload(concern.school_id, unit.transaction)
    case = Case.open(
        concern_id=concern.concern_id,
        student_ref=concern.student_ref,
        school_id=concern.school_id,
        categories=concern.categories,
        urgency=concern.urgency,
        guardian_must_not_be_told_yet=concern.guardian_must_not_be_told_yet,
        responsible=choose_responsible(concern.categories, roster, caseload),
        raised_by=raiser,
        requested_on=requested_on,
        calendar=calendar,
        now=event.occurred_at,
    )
    await deps.cases.add(case, unit.transaction)
    await deps.schedule(case, calendar, unit.transaction)
    unit.emit(
        CaseOpenedV1.caused_by(
            event,
            producer=SERVICE,
            data=CaseOpenedData(
                **_facts(case, concern),
                notify_roles=roles_to_notify(case.categories),
                guardian_may_be_notified=case.guardian_may_be_notified,
                opened_at=case.opened_at,
            ),
        )
    )
    if case.unassigned:
        log.warning("case_opened_unassigned", case_id=str(case.case_id))
    log.info("case_opened", case_id=str(case.case_id), due_on=case.discussion_due_on.isoformat())
