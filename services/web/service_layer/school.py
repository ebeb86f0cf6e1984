"""The principal's view of a school: the welfare group's caseload against §9a, and the
open cases waiting for them. Counts, ids and dates only: no student is named (§9a asks
for none, and the principal's role does not see the students' welfare data)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.web.domain.school import (
    CaseNeedingAction,
    ProfessionLoad,
    case_needing_action,
    load_of,
)
from services.web.service_layer.api import Api, Service

__all__ = ["SchoolOverview", "school_overview"]


@dataclass(frozen=True)
class SchoolOverview:
    school_id: str
    students: int
    professions: tuple[ProfessionLoad, ...]
    unassigned: tuple[CaseNeedingAction, ...]  # oldest first
    deadlines_breached: tuple[CaseNeedingAction, ...]  # oldest deadline first


async def school_overview(api: Api, school_id: str, today: date) -> SchoolOverview:
    seen = await api.get(Service.WELFARE_GROUP, f"/schools/{school_id}/caseload")
    students = int(seen["students"])
    return SchoolOverview(
        school_id=str(seen["school_id"]),
        students=students,
        professions=tuple(load_of(students, p) for p in seen["professions"]),
        unassigned=tuple(case_needing_action(c, today) for c in seen.get("unassigned", ())),
        deadlines_breached=tuple(
            case_needing_action(c, today) for c in seen.get("deadlines_breached", ())
        ),
    )
