"""HTTP in: a case and its record for those with a basis to see it, and the cases one
leads, ordered by nearest deadline."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, status

from services.welfare_group.domain.need_to_know import (
    CASE_TEAM,
    FAMILY_BASES,
    Basis,
    registers_shown,
)
from services.welfare_group.entrypoints.guards import CaseAccess, GuardFactory
from services.welfare_group.entrypoints.views import CaseView, RecordEntryView
from services.welfare_group.service_layer.unit_of_work import Cases
from shared.contracts import Identifier
from shared.security import Access, Gate

__all__ = ["case_routes"]


def case_routes(cases: Cases, gate: Gate, guard: GuardFactory) -> APIRouter:
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
            "The case's chronology, every entry with its date, author, profession and register "
            "(§20, §21), of the registers the caller may see: the welfare register "
            "(the opiskeluhuoltokertomus and the consents) for the case team and, within §18, "
            "the student and guardian; a county register only for that county's professionals "
            "on the case. Each register shown is logged in its own access log."
        ),
    )
    async def get_record(allowed: CaseAccess = Depends(reads_record)) -> list[RecordEntryView]:
        case = await cases.get(allowed.case.case_id)
        if case is None:  # erased between the check and the read
            raise HTTPException(status.HTTP_404_NOT_FOUND, "No case with that id.")
        shown = registers_shown(allowed.basis, allowed.access.who)
        entries = [e for e in case.record.entries if e.register in shown]
        for register in sorted({e.register for e in entries}):
            await allowed.access.grant(
                allowed.basis.value,
                record_id=str(case.case_id),
                student_ref=case.student_ref,
                register=register.value,
            )
        return [RecordEntryView.of(e) for e in entries]

    return router
