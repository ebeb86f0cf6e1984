"""HTTP in: a school's caseload against the §9a ceilings, counts only."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from services.welfare_group.domain.caseload import caseload
from services.welfare_group.service_layer.unit_of_work import Cases, Rosters
from shared.contracts import Identifier, StaffRole
from shared.security import Access, Gate

__all__ = ["CaseloadView", "caseload_routes"]


class ProfessionLoadView(BaseModel):
    role: StaffRole
    professionals: int
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


def caseload_routes(cases: Cases, rosters: Rosters, gate: Gate) -> APIRouter:
    router = APIRouter(tags=["administration"])

    @router.get(
        "/schools/{school_id}/caseload",
        response_model=CaseloadView,
        summary="Students per psychologist and kuraattori against the §9a ceilings",
        description=(
            "Counts only: pupils per psychologist and kuraattori against the §9a ceilings, open "
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

    return router
