"""Taking a step in a case: load it, bring its student's majority up to date, apply the
declared rule, save it, schedule its deadlines, enter its disclosures in the ledger and
announce each new record entry (with the anonymous figures it adds to the statistics), all
in the caller's one transaction.

A step the family takes themselves (a consent answered, withdrawn online) is entered by the
professional the domain names, and told to the case's responsible person, who must act
on it."""

from __future__ import annotations

from typing import TypeVar
from uuid import UUID
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from services.welfare_group.domain.case import Case
from services.welfare_group.domain.consent_requests import FamilyMember
from services.welfare_group.domain.figures import figures_of
from services.welfare_group.domain.ledger import rows_for
from services.welfare_group.service_layer.announcements import step_recorded
from services.welfare_group.service_layer.deadlines import schedule_deadlines
from services.welfare_group.service_layer.majority import as_it_stands
from services.welfare_group.service_layer.steps import CaseStep, StepContext
from services.welfare_group.service_layer.unit_of_work import WelfareUnit
from shared.contracts import StaffMember, utc_now

__all__ = ["CaseNotFound", "take_step"]

R = TypeVar("R", bound=BaseModel)


class CaseNotFound(LookupError):
    pass


async def take_step(
    step: CaseStep[R],
    request: R,
    *,
    case_id: UUID,
    by: StaffMember | FamilyMember,
    unit: WelfareUnit,
    timezone: ZoneInfo,
    path_id: UUID | None = None,
) -> Case:
    if isinstance(by, FamilyMember) and not step.admits_family:
        raise ValueError(f"{step.path} is not the family's to take")
    case = await unit.cases.get(case_id)
    if case is None:
        raise CaseNotFound(case_id)
    at = utc_now()
    case = await as_it_stands(case, unit.students, at=at, timezone=timezone)
    roster = await unit.rosters.get(case.school_id) if step.needs_roster else None
    calendar = await unit.calendars.of_school(case.school_id)
    student = await unit.students.identity(case.student_ref) if step.needs_student else None
    context = StepContext(
        by, at, path_id, roster, calendar if step.needs_calendar else None, student
    )
    updated = step.take(case, request, context)
    await unit.cases.save(updated)
    await schedule_deadlines(updated, unit, timezone, calendar)
    new = updated.record.entries[len(case.record.entries) :]
    for row in rows_for(updated, new):  # §20.5: each disclosure in the ledger, in this unit
        await unit.disclosures.enter(row)
    family = isinstance(by, FamilyMember)
    lead = [updated.responsible.staff_id] if updated.responsible else []
    involved = lead if family else list(step.involved(request))
    for entry in new:
        audience = step.family_audience if family else step.audience(request, entry)
        figures = figures_of(updated, entry, calendar, timezone)
        told = step_recorded(
            updated, entry, by=entry.author, involved=involved, audience=audience, figures=figures
        )
        unit.emit(told)
    return updated
