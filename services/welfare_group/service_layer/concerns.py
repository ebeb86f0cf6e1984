"""A raised concern becomes a case, or joins the student's open case at the same school.

A concern naming a school the directory does not know is refused (dead-lettered with the
reason): a case there would reach nobody. A case whose roster names no one who can lead it
is opened unassigned, and the principal and the welfare administrator are told at once.
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar
from zoneinfo import ZoneInfo

from services.welfare_group.domain import lifecycle as law
from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.routing import (
    choose_responsible,
    responsible_role,
    roles_to_notify,
)
from services.welfare_group.service_layer.deadlines import schedule_deadlines
from services.welfare_group.service_layer.unit_of_work import WelfareUnit
from services.welfare_group.settings import SERVICE
from shared.consumer import Unprocessable
from shared.contracts import (
    CaseConcernLinkedData,
    CaseConcernLinkedV1,
    CaseFacts,
    CaseOpenedData,
    CaseOpenedV1,
    ConcernRaisedData,
    ConcernRaisedV1,
)
from shared.logging import get_logger

__all__ = ["take_up_concern"]

log = get_logger(__name__)
F = TypeVar("F", bound=CaseFacts)


def _owed(case: Case, concern: ConcernRaisedData, on: date, calendar: SchoolCalendar) -> Case:
    """§16.2: a concern raised without the student owes the student a notice."""
    if concern.student_informed:
        return case
    return law.owe_student_notice(case, requested_on=on, urgency=concern.urgency, calendar=calendar)


def _facts(model: type[F], case: Case, concern: ConcernRaisedData, **more: object) -> F:
    owed = case.student_notice
    return model(
        student_to_be_told_by=None if concern.student_informed or owed is None else owed.due_on,
        concern_id=concern.concern_id,
        # What the concern's own categories call for: the raiser is shown this, the same
        # whether or not the student already had a case.
        referred_to=responsible_role(concern.categories),
        case_id=case.case_id,
        student_ref=case.student_ref,
        school_id=case.school_id,
        categories=list(case.categories),
        urgency=case.urgency,
        responsible=case.responsible,
        discussion_due_on=case.discussion_due_on,
        **more,
    )


async def take_up_concern(event: ConcernRaisedV1, unit: WelfareUnit, timezone: ZoneInfo) -> Case:
    concern = event.data
    requested_on = concern.raised_at.astimezone(timezone).date()
    existing = await unit.cases.open_case_of(concern.student_ref, concern.school_id)
    calendar = await unit.calendars.of_school(concern.school_id)
    if existing is not None:  # an open case at the school proves the school known
        case = existing.link_concern(
            concern_id=concern.concern_id,
            school_id=concern.school_id,
            categories=concern.categories,
            urgency=concern.urgency,
            guardian_must_not_be_told_yet=concern.guardian_must_not_be_told_yet,
            raised_by=concern.raised_by,
            requested_on=requested_on,
            calendar=calendar,
            now=event.occurred_at,
        )
        case = _owed(case, concern, requested_on, calendar)
        await unit.cases.save(case)
        await schedule_deadlines(case, unit, timezone, calendar)
        linked = _facts(CaseConcernLinkedData, case, concern)
        unit.emit(CaseConcernLinkedV1.caused_by(event, producer=SERVICE, data=linked))
        log.info("concern_linked_to_open_case", case_id=str(case.case_id))
        return case

    roster = await unit.rosters.find(concern.school_id)
    if roster is None:
        raise Unprocessable("unknown_school", "the concern names a school not in the directory")
    caseload = await unit.cases.open_caseload(concern.school_id)
    case = Case.open(
        concern_id=concern.concern_id,
        student_ref=concern.student_ref,
        school_id=concern.school_id,
        categories=concern.categories,
        urgency=concern.urgency,
        guardian_must_not_be_told_yet=concern.guardian_must_not_be_told_yet,
        responsible=choose_responsible(concern.categories, roster, caseload),
        raised_by=concern.raised_by,
        requested_on=requested_on,
        calendar=calendar,
        now=event.occurred_at,
    )
    case = _owed(case, concern, requested_on, calendar)
    await unit.cases.add(case)
    await schedule_deadlines(case, unit, timezone, calendar)
    opened = _facts(
        CaseOpenedData,
        case,
        concern,
        notify_roles=roles_to_notify(case.categories),
        guardian_may_be_notified=case.guardian_may_be_notified,
        opened_at=case.opened_at,
    )
    unit.emit(CaseOpenedV1.caused_by(event, producer=SERVICE, data=opened))
    if case.unassigned:
        log.warning("case_opened_unassigned", case_id=str(case.case_id))
    due = case.discussion_due_on
    log.info("case_opened", case_id=str(case.case_id), due_on=due.isoformat() if due else None)
    return case
