"""A raised concern becomes a case, or joins the student's open case at the same school.

A concern naming a school the directory does not know is refused (dead-lettered with the
reason): a case there would reach nobody. A case whose roster names no one who can lead it
is opened unassigned, and the principal and the welfare administrator are told at once.
A student of age (from the student register) has no guardian in the case (§18).
"""

from __future__ import annotations

from typing import TypeVar
from zoneinfo import ZoneInfo

from services.welfare_group.domain.case import Case
from services.welfare_group.domain.lifecycle import come_of_age
from services.welfare_group.domain.notice_hold import DEFAULT_HOLD_DAYS
from services.welfare_group.domain.routing import (
    choose_responsible,
    responsible_role,
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
)
from shared.logging import get_logger

__all__ = ["take_up_concern"]

log = get_logger(__name__)
F = TypeVar("F", bound=CaseFacts)


def _facts(model: type[F], case: Case, concern: ConcernRaisedData, **more: object) -> F:
    return model(
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
    if existing is not None:  # an open case at the school proves the school known
        case = come_of_age(existing, of_age=adult).link_concern(
            concern_id=concern.concern_id,
            school_id=concern.school_id,
            categories=concern.categories,
            urgency=concern.urgency,
            guardian_must_not_be_told_yet=concern.guardian_must_not_be_told_yet,
            raised_by=concern.raised_by,
            requested_on=requested_on,
            calendar=calendar,
            now=event.occurred_at,
            guardian_hold_ground=concern.guardian_hold_ground,
            hold_days=hold_days,
        )
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
        student_of_age=adult,
        guardian_hold_ground=concern.guardian_hold_ground,
        hold_days=hold_days,
    )
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
    log.info("case_opened", case_id=str(case.case_id), due_on=case.discussion_due_on.isoformat())
    return case
