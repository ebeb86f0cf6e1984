"""HTTP in: a case and its record for those with a basis to see it, the cases one leads
ordered by nearest deadline, a student's whole record, and the schools' caseloads."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from services.welfare_group.adapters.export import render_printable
from services.welfare_group.adapters.repository import CaseRepository, RosterRepository
from services.welfare_group.domain.caseload import caseload
from services.welfare_group.domain.need_to_know import CASE_TEAM, FAMILY_BASES, Basis, basis_for
from services.welfare_group.handlers.access import CaseAccess, GuardFactory
from services.welfare_group.handlers.views import CaseView, RecordEntryView
from shared.contracts import Identifier, StaffRole, utc_now
from shared.security import Access, Gate

__all__ = ["CaseView", "CaseloadView", "RecordEntryView", "case_routes", "caseload_routes"]


def case_routes(cases: CaseRepository, gate: Gate, guard: GuardFactory) -> APIRouter:
    router = APIRouter(tags=["cases"])
    leads_or_principal = guard(CASE_TEAM | {Basis.PRINCIPAL})
    reads_record = guard(CASE_TEAM | FAMILY_BASES)

    @router.get(
        "/cases/{case_id}",
        response_model=CaseView,
        summary="One case",
        description=(
            "The case's state (status, deadline, group, meetings, measures), for its responsible "
            "person and consented group members, or the school's principal while nobody leads it. "
            "Refused alike whether or not the case exists."
        ),
    )
    async def get_case(allowed: CaseAccess = Depends(leads_or_principal)) -> CaseView:
        return CaseView.of(allowed.case)

    @router.get(
        "/staff/{staff_id}/cases",
        response_model=list[CaseView],
        summary="Open cases led by the caller, nearest deadline first",
        description=(
            "The open cases the caller leads, ordered by the §15 deadline, without their records."
        ),
    )
    async def my_cases(staff_id: Identifier, access: Access = Depends(gate)) -> list[CaseView]:
        return [CaseView.of(c) for c in await cases.of_responsible(staff_id)]

    @router.get(
        "/cases/{case_id}/record",
        response_model=list[RecordEntryView],
        summary="The case's welfare record, oldest entry first",
        description=(
            "The opiskeluhuoltokertomus of the case, every entry with its date, author and "
            "profession (§20), for the case team and, within §18, the student and guardian."
        ),
    )
    async def get_record(allowed: CaseAccess = Depends(reads_record)) -> list[RecordEntryView]:
        case = await cases.get(allowed.case.case_id)
        if case is None:  # erased between the check and the read
            raise HTTPException(status.HTTP_404_NOT_FOUND, "No case with that id.")
        return [RecordEntryView.of(e) for e in case.record.entries]

    @router.get(
        "/students/{student_ref}/record",
        response_model=RecordExport,
        summary="A student's welfare record as JSON: every case the caller may see",
        description=(
            "Every case of the student the caller may see, with its record. Staff with no such "
            "case get 403 whether or not one exists; the family gets an empty export. Each case "
            "shown is logged."
        ),
    )
    async def export_record(
        student_ref: Identifier, access: Access = Depends(gate)
    ) -> RecordExport:
        return await _export(student_ref, access)

    @router.get(
        "/students/{student_ref}/record.html",
        response_class=HTMLResponse,
        summary="A student's welfare record as a printable page",
        description=(
            "The same export as an HTML page to print; written text is escaped, never markup."
        ),
    )
    async def print_record(student_ref: Identifier, access: Access = Depends(gate)) -> HTMLResponse:
        export = await _export(student_ref, access)
        return HTMLResponse(render_printable(export.model_dump(mode="json")))

    async def _export(student_ref: str, access: Access) -> RecordExport:
        every = await cases.of_student(student_ref)
        bases = {
            c.case_id: b
            for c in every
            if (b := basis_for(c, access.who)) in CASE_TEAM | FAMILY_BASES
        }
        if not bases and access.who.is_staff:
            # The same answer whether or not the student has a case: who has a welfare
            # case is itself confidential. The family may learn there is nothing for them.
            await access.refuse("No case of this student is yours to see.")
        if not bases:
            await access.nothing_to_see()
        for case_id, basis in bases.items():
            await access.grant(basis.value, record_id=str(case_id), student_ref=student_ref)
        found = [c for c in every if c.case_id in bases]
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
    # Open cases nobody leads (the roster named no one): the principal's to assign.
    unassigned_cases: list[UUID]


def caseload_routes(cases: CaseRepository, rosters: RosterRepository, gate: Gate) -> APIRouter:
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
