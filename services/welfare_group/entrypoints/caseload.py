"""HTTP in: a school's caseload, and the total across the schools, against the §9a
ceilings by allocated working time; for the school, its unassigned cases and the §15
deadlines passed, by id, dates and profession, never the student."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from services.welfare_group.domain.caseload import caseload, county_caseload
from services.welfare_group.domain.school_overview import (
    CaseAtSchool,
    deadlines_breached,
    unassigned,
)
from services.welfare_group.service_layer.unit_of_work import Cases, Rosters
from shared.contracts import Identifier, StaffRole, utc_now
from shared.security import Access, Gate

__all__ = ["CaseAtSchoolView", "CaseloadView", "CountyLoadView", "caseload_routes"]


class ProfessionLoadView(BaseModel):
    role: StaffRole
    professionals: int
    allocated_fte: float
    students_per_professional: float | None
    ceiling: int
    within_ceiling: bool
    open_cases: dict[str, int]


class CaseAtSchoolView(BaseModel):
    case_id: UUID
    opened_at: datetime
    discussion_due_on: date | None  # the §15 deadline; None: no discussion is timed
    profession: StaffRole  # the lead's, or while nobody leads, the one it is routed to
    unassigned: bool

    @classmethod
    def of(cls, case: CaseAtSchool) -> CaseAtSchoolView:
        return cls(**vars(case))


class CaseloadView(BaseModel):
    school_id: str
    students: int
    professions: list[ProfessionLoadView]
    # Open cases nobody leads (the roster named no one): the principal's to assign.
    unassigned_cases: list[UUID]
    unassigned: list[CaseAtSchoolView]  # the same, with their dates and profession
    # Open cases whose §15 deadline has passed with no discussion offered, oldest first.
    deadlines_breached: list[CaseAtSchoolView]


class CountyLoadView(BaseModel):
    role: StaffRole
    schools: int
    students: int
    professionals: int
    allocated_fte: float
    students_per_professional: float | None
    ceiling: int
    within_ceiling: bool


def caseload_routes(cases: Cases, rosters: Rosters, gate: Gate, timezone: ZoneInfo) -> APIRouter:
    router = APIRouter(tags=["administration"])

    @router.get(
        "/schools/{school_id}/caseload",
        response_model=CaseloadView,
        summary="Students per psychologist and kuraattori against the §9a ceilings",
        description=(
            "Counts only: pupils per full-time psychologist and kuraattori (by the working time "
            "allocated to the school) against the §9a ceilings, open "
            "cases per professional, the open cases nobody leads and those whose §15 deadline "
            "has passed (id, opened and due dates, profession; never the student), for the "
            "school's principal or the administrator. Another school's principal: 403."
        ),
    )
    async def school_caseload(
        school_id: Identifier, access: Access = Depends(gate)
    ) -> CaseloadView:
        roster = await rosters.get(school_id)
        loads = caseload(roster, roster.students, await cases.open_caseload(school_id))
        open_cases = await cases.open_at(school_id)
        today = utc_now().astimezone(timezone).date()
        nobody_leads = unassigned(open_cases)
        return CaseloadView(
            school_id=school_id,
            students=roster.students,
            professions=[ProfessionLoadView(**vars(load)) for load in loads],
            unassigned_cases=[c.case_id for c in nobody_leads],
            unassigned=[CaseAtSchoolView.of(c) for c in nobody_leads],
            deadlines_breached=[
                CaseAtSchoolView.of(c) for c in deadlines_breached(open_cases, today)
            ],
        )

    @router.get(
        "/caseload",
        response_model=list[CountyLoadView],
        summary="Students per full-time psychologist and kuraattori across the schools (§9a)",
        description=(
            "Counts only, for the administrator: all the schools' students per all the working "
            "time allocated to them, per profession, against the §9a ceilings that bind the "
            "wellbeing services county."
        ),
    )
    async def county(access: Access = Depends(gate)) -> list[CountyLoadView]:
        return [CountyLoadView(**vars(load)) for load in county_caseload(await rosters.every())]

    return router
