"""Taking a step in a case: load it, apply the declared rule, save it, schedule its
deadlines and announce each new record entry, all in the caller's one transaction."""

from __future__ import annotations

from typing import TypeVar
from uuid import UUID
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from services.welfare_group.domain.case import Case
from services.welfare_group.service_layer.announcements import step_recorded
from services.welfare_group.service_layer.deadlines import schedule_deadlines
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
    by: StaffMember,
    unit: WelfareUnit,
    timezone: ZoneInfo,
    path_id: UUID | None = None,
) -> Case:
    case = await unit.cases.get(case_id)
    if case is None:
        raise CaseNotFound(case_id)
    roster = await unit.rosters.get(case.school_id) if step.needs_roster else None
    student = await unit.students.identity(case.student_ref) if step.needs_student else None
    updated = step.take(case, request, StepContext(by, utc_now(), path_id, roster, student))
    await unit.cases.save(updated)
    await schedule_deadlines(updated, unit, timezone)
    involved = list(step.involved(request))
    for entry in updated.record.entries[len(case.record.entries) :]:
        audience = step.audience(request, entry)
        unit.emit(step_recorded(updated, entry, by=by, involved=involved, audience=audience))
    return updated
