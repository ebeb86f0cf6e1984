"""HTTP in: a student's whole welfare record, as JSON or as a page to print, holding
every case of the student the caller has a basis to see (§18, §20)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from services.welfare_group.adapters.export import render_printable
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.need_to_know import (
    CASE_TEAM,
    FAMILY_BASES,
    basis_for,
    registers_shown,
)
from services.welfare_group.domain.registers import Register
from services.welfare_group.entrypoints.views import CaseView, RecordEntryView
from services.welfare_group.service_layer.majority import AsItStands
from services.welfare_group.service_layer.unit_of_work import Cases
from shared.contracts import Identifier, utc_now
from shared.security import Access, Gate

__all__ = ["CaseRecord", "RecordExport", "record_routes"]


class CaseRecord(CaseView):
    record: list[RecordEntryView]

    @classmethod
    def with_record(cls, case: Case, registers: Collection[Register]) -> CaseRecord:
        entries = [e for e in case.record.entries if e.register in registers]
        return cls.model_validate(
            {**CaseView.of(case).__dict__, "record": [RecordEntryView.of(e) for e in entries]}
        )


class RecordExport(BaseModel):
    student_ref: str
    exported_at: datetime
    cases: list[CaseRecord]


def record_routes(cases: Cases, gate: Gate, current: AsItStands) -> APIRouter:
    router = APIRouter(tags=["cases"])

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
        return HTMLResponse(render_printable(export.model_dump(mode="json", by_alias=True)))

    async def _export(student_ref: str, access: Access) -> RecordExport:
        # As they stand today: a student of age has no guardian in them (§18).
        every = [await current(c) for c in await cases.of_student(student_ref)]
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
        shown: list[CaseRecord] = []
        for case in (c for c in every if c.case_id in bases):
            registers = registers_shown(bases[case.case_id], access.who)
            # One access log entry per register shown: each register keeps its own log.
            held: list[Register | None] = [
                *sorted({e.register for e in case.record.entries} & registers)
            ]
            for register in held or [None]:  # nothing of a register: its state, logged so
                await access.grant(
                    bases[case.case_id].value,
                    record_id=str(case.case_id),
                    student_ref=student_ref,
                    register=register.value if register else None,
                )
            shown.append(CaseRecord.with_record(case, registers))
        return RecordExport(student_ref=student_ref, exported_at=utc_now(), cases=shown)

    return router
