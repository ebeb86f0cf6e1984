"""HTTP in for group members: a case, and the cases one leads ordered by nearest deadline."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from fastapi import APIRouter, HTTPException, status
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from services.welfare_group.adapters.export import render_printable
from services.welfare_group.adapters.repository import CaseRepository, RosterRepository
from services.welfare_group.domain.caseload import caseload
from services.welfare_group.handlers.views import CaseView, RecordEntryView
from shared.contracts import StaffRole, utc_now

__all__ = ["CaseView", "CaseloadView", "RecordEntryView", "case_routes", "caseload_routes"]


def case_routes(cases: CaseRepository) -> APIRouter:
    router = APIRouter(tags=["cases"])

    @router.get("/cases/{case_id}", response_model=CaseView, summary="One case")
    async def get_case(case_id: UUID) -> CaseView:
        case = await cases.get(case_id)
        if case is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "No case with that id.")
        return CaseView.of(case)

    @router.get(
        "/staff/{staff_id}/cases",
        response_model=list[CaseView],
        summary="Open cases led by one professional, nearest deadline first",
    )
    async def my_cases(staff_id: str) -> list[CaseView]:
        return [CaseView.of(c) for c in await cases.of_responsible(staff_id)]

    @router.get(
        "/cases/{case_id}/record",
        response_model=list[RecordEntryView],
        summary="The case's welfare record, oldest entry first",
    )
    async def get_record(case_id: UUID) -> list[RecordEntryView]:
        case = await cases.get(case_id)
        if case is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "No case with that id.")
        return [RecordEntryView.of(e) for e in case.record.entries]

    @router.get(
        "/students/{student_ref}/record",
        response_model=RecordExport,
        summary="A student's whole welfare record, every case, as JSON",
    )
    async def export_record(student_ref: str) -> RecordExport:
        return await _export(student_ref)

    @router.get(
        "/students/{student_ref}/record.html",
        response_class=HTMLResponse,
        summary="A student's whole welfare record as a printable page",
    )
    async def print_record(student_ref: str) -> HTMLResponse:
        export = await _export(student_ref)
        return HTMLResponse(render_printable(export.model_dump(mode="json")))

    async def _export(student_ref: str) -> RecordExport:
        found = await cases.of_student(student_ref)
        if not found:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "No record for that student.")
        return RecordExport(
            student_ref=student_ref,
            exported_at=utc_now(),
            cases=[
                CaseRecord(
                    **CaseView.of(c).model_dump(),
                    record=[RecordEntryView.of(e) for e in c.record.entries],
                )
                for c in found
            ],
        )

    return router


class CaseRecord(CaseView):
    record: list[RecordEntryView]


class RecordExport(BaseModel):
    student_ref: str
    exported_at: datetime
    cases: list[CaseRecord]


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


def caseload_routes(cases: CaseRepository, rosters: RosterRepository) -> APIRouter:
    router = APIRouter(tags=["administration"])

    @router.get(
        "/schools/{school_id}/caseload",
        response_model=CaseloadView,
        summary="Students per psychologist and kuraattori against the §9a ceilings",
    )
    async def school_caseload(school_id: str) -> CaseloadView:
        roster = await rosters.get(school_id)
        loads = caseload(roster, roster.students, await cases.open_caseload(school_id))
        return CaseloadView(
            school_id=school_id,
            students=roster.students,
            professions=[ProfessionLoadView(**vars(load)) for load in loads],
        )

    return router
