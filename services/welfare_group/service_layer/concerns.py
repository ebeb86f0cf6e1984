"""A raised concern becomes a case, or joins the student's open case at the same school.

A concern naming a school the directory does not know is refused (dead-lettered with the
reason): a case there would reach nobody. A case whose roster names no one who can lead it
is opened unassigned, and the principal and the welfare administrator are told at once.
A student of age (from the student register) has no guardian in the case (§18).
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar
from zoneinfo import ZoneInfo

from services.welfare_group.domain import lifecycle as law
from services.welfare_group.domain.asker import Asker
from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.case_intake import link_concern, open_case
from services.welfare_group.domain.lifecycle import come_of_age
from services.welfare_group.domain.notice_hold import DEFAULT_HOLD_DAYS
from services.welfare_group.domain.routing import (
    Roster,
    choose_responsible,
    professions_asked,
    referred_to,
    roles_to_notify,
)
from services.welfare_group.service_layer.deadlines import schedule_deadlines
from services.welfare_group.service_layer.majority import student_of_age
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
    Role,
    StaffMember,
    StaffRole,
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


def _facts(
    model: type[F],
    case: Case,
    concern: ConcernRaisedData,
    chosen: StaffMember | None,
    **more: object,
) -> F:
    owed = case.student_notice
    return model(
        student_to_be_told_by=None if concern.student_informed or owed is None else owed.due_on,
        concern_id=concern.concern_id,
        # The profession asked for, or what the concern's own categories call for: the
        # raiser or asker is shown this, the same whether or not the student had a case.
        referred_to=referred_to(concern.categories, concern.discussion_with, chosen),
        case_id=case.case_id,
        student_ref=case.student_ref,
        school_id=case.school_id,
        categories=list(case.categories),
        urgency=case.urgency,
        responsible=case.responsible,
        discussion_due_on=case.discussion_due_on,
        **more,
    )


def _entered_by(chosen: StaffMember | None, roster: Roster | None) -> StaffMember:
    """Who enters the student's or a guardian's own request: the professional it goes to,
    or, with none on the roster, the principal, with whom an unassigned case waits."""
    principals = roster.with_role(Role.PRINCIPAL) if roster else []
    entered_by = chosen or next(iter(principals), None)
    if entered_by is None:
        raise Unprocessable("unstaffed_school", "nobody at the school can take up the request")
    return entered_by


def _to_notify(case: Case, concern: ConcernRaisedData) -> list[StaffRole]:
    """The roles its categories call for; for a discussion asked of a profession, only that
    profession: the asker chose whom to tell (§15.1-2), and nobody else needs to know."""
    if concern.discussion_with is None:
        return roles_to_notify(case.categories)
    return sorted(professions_asked(concern.categories, concern.discussion_with))


async def take_up_concern(
    event: ConcernRaisedV1,
    unit: WelfareUnit,
    timezone: ZoneInfo,
    *,
    hold_days: int = DEFAULT_HOLD_DAYS,
) -> Case:
    concern = event.data
    requested_on = concern.raised_at.astimezone(timezone).date()
    existing = await unit.cases.open_case_of(concern.student_ref, concern.school_id)
    calendar = await unit.calendars.of_school(concern.school_id)
    adult = await student_of_age(
        unit.students, concern.student_ref, at=event.occurred_at, timezone=timezone
    )
    asker = Asker(concern.requested_by, concern.requester_ref)
    if existing is not None:  # an open case at the school proves the school known
        entered_by = None
        if concern.raised_by is None:
            entered_by = _entered_by(
                existing.responsible, await unit.rosters.find(concern.school_id)
            )
        case = link_concern(
            come_of_age(existing, of_age=adult),
            concern_id=concern.concern_id,
            school_id=concern.school_id,
            categories=concern.categories,
            urgency=concern.urgency,
            guardian_must_not_be_told_yet=concern.guardian_must_not_be_told_yet,
            raised_by=concern.raised_by,
            requested_on=requested_on,
            calendar=calendar,
            now=event.occurred_at,
            asker=asker,
            entered_by=entered_by,
            guardian_hold_ground=concern.guardian_hold_ground,
            hold_days=hold_days,
        )
        case = _owed(case, concern, requested_on, calendar)
        await unit.cases.save(case)
        await schedule_deadlines(case, unit, timezone, calendar)
        linked = _facts(CaseConcernLinkedData, case, concern, case.responsible)
        unit.emit(CaseConcernLinkedV1.caused_by(event, producer=SERVICE, data=linked))
        log.info("concern_linked_to_open_case", case_id=str(case.case_id))
        return case

    roster = await unit.rosters.find(concern.school_id)
    if roster is None:
        raise Unprocessable("unknown_school", "the concern names a school not in the directory")
    caseload = await unit.cases.open_caseload(concern.school_id)
    chosen = choose_responsible(concern.categories, roster, caseload, concern.discussion_with)
    case = open_case(
        concern_id=concern.concern_id,
        student_ref=concern.student_ref,
        school_id=concern.school_id,
        categories=concern.categories,
        urgency=concern.urgency,
        guardian_must_not_be_told_yet=concern.guardian_must_not_be_told_yet,
        responsible=chosen,
        raised_by=concern.raised_by,
        requested_on=requested_on,
        calendar=calendar,
        now=event.occurred_at,
        student_of_age=adult,
        asker=asker,
        entered_by=None if concern.raised_by else _entered_by(chosen, roster),
        guardian_hold_ground=concern.guardian_hold_ground,
        hold_days=hold_days,
    )
    case = _owed(case, concern, requested_on, calendar)
    await unit.cases.add(case)
    await schedule_deadlines(case, unit, timezone, calendar)
    opened = _facts(
        CaseOpenedData,
        case,
        concern,
        chosen,
        notify_roles=_to_notify(case, concern),
        guardian_may_be_notified=case.guardian_may_be_notified,
        opened_at=case.opened_at,
    )
    unit.emit(CaseOpenedV1.caused_by(event, producer=SERVICE, data=opened))
    if case.unassigned:
        log.warning("case_opened_unassigned", case_id=str(case.case_id))
    due = case.discussion_due_on
    log.info("case_opened", case_id=str(case.case_id), due_on=due.isoformat() if due else None)
    return case
