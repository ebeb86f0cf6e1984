"""HTTP in: a student's whole welfare record, as JSON or as a page to print, holding
every case of the student the caller has a basis to see (§18, §20).

Exported or printed for a named recipient outside the work (``for_recipient``), it is a
disclosure: it needs a written consent to it or a ``statute`` (§22), and each case
exported is entered as disclosed, with the access log's grant, in one transaction (§20.5).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel

from services.welfare_group.adapters.export import render_printable
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.need_to_know import (
    CASE_TEAM,
    FAMILY_BASES,
    Basis,
    basis_for,
    registers_shown,
)
from services.welfare_group.domain.registers import Register
from services.welfare_group.domain.rules import RuleViolation
from services.welfare_group.domain.statutes import Statute
from services.welfare_group.entrypoints.views import CaseView, RecordEntryView
from services.welfare_group.service_layer.exports import export_for_recipient
from services.welfare_group.service_layer.majority import AsItStands
from services.welfare_group.service_layer.unit_of_work import Cases, WelfareTransact, WelfareUnit
from shared.contracts import Identifier, utc_now
from shared.security import Access, Gate, Outcome

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


REFUSED: dict[int | str, dict[str, Any]] = {
    409: {"description": "For a recipient without a basis (§22): says which rule and what instead."}
}
_RECIPIENT = (
    "A named recipient outside the work the export is for: the export is then a disclosure, "
    "entered in each case and the ledger (§20.5). Without it, the export is the caller's own."
)
_STATUTE = (
    "With for_recipient: the statute the disclosure rests on; none: a written consent to it "
    "naming the recipient and the whole record (§22)."
)


def record_routes(
    cases: Cases, gate: Gate, current: AsItStands, transact: WelfareTransact
) -> APIRouter:
    router = APIRouter(tags=["cases"], responses=REFUSED)

    @router.get(
        "/students/{student_ref}/record",
        response_model=RecordExport,
        summary="A student's welfare record as JSON: every case the caller may see",
        description=(
            "Every case of the student the caller may see, with its record. Staff with no such "
            "case get 403 whether or not one exists; the family gets an empty export. Each case "
            "shown is logged. For a named recipient it is a disclosure: 409 naming §22 without "
            "its basis."
        ),
    )
    async def export_record(
        student_ref: Identifier,
        for_recipient: Identifier | None = Query(default=None, description=_RECIPIENT),
        statute: Statute | None = Query(default=None, description=_STATUTE),
        access: Access = Depends(gate),
    ) -> RecordExport | JSONResponse:
        return await _export(student_ref, access, for_recipient, statute, "exported")

    @router.get(
        "/students/{student_ref}/record.html",
        response_class=HTMLResponse,
        summary="A student's welfare record as a printable page",
        description=(
            "The same export as an HTML page to print; written text is escaped, never markup."
        ),
    )
    async def print_record(
        student_ref: Identifier,
        for_recipient: Identifier | None = Query(default=None, description=_RECIPIENT),
        statute: Statute | None = Query(default=None, description=_STATUTE),
        access: Access = Depends(gate),
    ) -> Response:
        export = await _export(student_ref, access, for_recipient, statute, "printed")
        if isinstance(export, JSONResponse):
            return export
        return HTMLResponse(render_printable(export.model_dump(mode="json", by_alias=True)))

    async def _export(
        student_ref: str, access: Access, to: str | None, statute: Statute | None, how: str
    ) -> RecordExport | JSONResponse:
        if to is not None:
            return await _disclose(student_ref, access, to, statute, how)
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

    async def _disclose(
        student_ref: str, access: Access, to: str, statute: Statute | None, how: str
    ) -> RecordExport | JSONResponse:
        if not access.who.is_staff:
            # The family's own copy is theirs to give anyone; nothing of it is disclosed here.
            raise HTTPException(422, "for_recipient is for the case team's disclosures.")

        async def work(unit: WelfareUnit) -> list[Case]:
            async def granted(case: Case, basis: Basis) -> None:
                access.hold(basis.value, record_id=str(case.case_id), student_ref=student_ref)
                await unit.log_granted(access)

            what = f"the whole welfare record, {how} for the recipient"
            return await export_for_recipient(
                student_ref, to=to, statute=statute, what=what, who=access.who, unit=unit,
                granted=granted,
            )  # fmt: skip

        access.hold("none", student_ref=student_ref)
        try:
            found = await transact(work)
        except RuleViolation as refused:
            await access.settle(Outcome.REFUSED_BY_RULE, detail=refused.rule)
            return JSONResponse(
                status_code=409, content={"detail": refused.message, **refused.as_dict()}
            )
        if not found:
            await access.refuse("No case of this student is yours to see.")
        # Only the education provider's welfare register leaves here; a county register's
        # data is the county's to disclose.
        shown = [CaseRecord.with_record(c, {Register.WELFARE}) for c in found]
        return RecordExport(student_ref=student_ref, exported_at=utc_now(), cases=shown)

    return router
