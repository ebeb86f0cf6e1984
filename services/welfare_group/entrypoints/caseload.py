"""HTTP in: a school's caseload, and the total across the schools, against the §9a
ceilings by allocated working time; counts only."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from services.welfare_group.domain.caseload import caseload, county_caseload
from services.welfare_group.service_layer.unit_of_work import Cases, Rosters
from shared.contracts import Identifier, StaffRole
from shared.security import Access, Gate

__all__ = ["CaseloadView", "CountyLoadView", "caseload_routes"]


class ProfessionLoadView(BaseModel):
    role: StaffRole
    professionals: int
    allocated_fte: float
    students_per_professional: float | None
    ceiling: int
    within_ceiling: bool
    open_cases: dict[str, int]


class CaseloadView(BaseModel):
    school_id: str
    students: int
    professions: list[ProfessionLoadView]
    # Open cases nobody leads (the roster named no one): the principal's to assign.
    unassigned_cases: list[UUID]


class CountyLoadView(BaseModel):
    role: StaffRole
    schools: int
    students: int
    professionals: int
    allocated_fte: float
    students_per_professional: float | None
    ceiling: int
    within_ceiling: bool


def caseload_routes(cases: Cases, rosters: Rosters, gate: Gate) -> APIRouter:
    router = APIRouter(tags=["administration"])

    @router.get(
        "/schools/{school_id}/caseload",
        response_model=CaseloadView,
        summary="Students per psychologist and kuraattori against the §9a ceilings",
        description=(
            "Counts only: pupils per full-time psychologist and kuraattori (by the working time "
            "allocated to the school) against the §9a ceilings, open "
            "cases per professional, and the open cases nobody leads, for the school's principal "
            "or the administrator."
        ),
    )
    async def school_caseload(
        school_id: Identifier, access: Access = Depends(gate)
    ) -> CaseloadView:
        roster = await rosters.get(school_id)
        loads = caseload(roster, roster.students, await cases.open_caseload(school_id))
        return CaseloadView(
            school_id=school_id,
            students=roster.students,
            professions=[ProfessionLoadView(**vars(load)) for load in loads],
            unassigned_cases=await cases.unassigned_at(school_id),
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
