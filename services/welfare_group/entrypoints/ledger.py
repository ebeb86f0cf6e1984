"""HTTP in: the disclosure ledger, for the administrator and for the family's own student.

Who received the student's welfare data, when and on what basis (§20.5): the family may
learn it as they may learn who used the data (the access log), and a guardian kept out by
§18 is kept out here too, and a guardian is not shown child-welfare notices
(``shown_to_guardian``). Reading the ledger is itself logged.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from services.welfare_group.domain.disclosure import RecordData
from services.welfare_group.domain.ledger import LedgerRow, shown_to_guardian
from services.welfare_group.domain.statutes import STATUTES, Statute
from services.welfare_group.service_layer.unit_of_work import DisclosureLedger
from shared.contracts import Identifier
from shared.security import Access, Gate, Role
from shared.security.audit import FamilyCheck

__all__ = ["LedgerRowView", "ledger_routes"]


class LedgerRowView(BaseModel):
    at: datetime
    student_ref: str
    school_id: str
    case_id: UUID | None
    to: str
    data: RecordData
    basis: str  # the statute's citation, or "written consent to the disclosure (§22)"
    statute: Statute | None
    consent_id: UUID | None
    by: str
    by_profession: str
    made_on: date | None  # a child-welfare notice's day

    @classmethod
    def of(cls, row: LedgerRow) -> LedgerRowView:
        basis = STATUTES[row.statute].citation if row.statute else "written consent (§22)"
        return cls(**{**vars(row), "basis": basis})


def ledger_routes(ledger: DisclosureLedger, gate: Gate, family_check: FamilyCheck) -> APIRouter:
    router = APIRouter(tags=["access log"])

    @router.get(
        "/disclosure-ledger",
        response_model=list[LedgerRowView],
        summary="The disclosure ledger (administrator)",
        description=(
            "Every disclosure of welfare record data outside the work, newest first: to whom, "
            "which part of the record, on what basis, when and by whom (§20.5). Kept as long as "
            "the access log, after the case itself is purged."
        ),
    )
    async def search(
        student_ref: Identifier | None = None,
        limit: int = Query(default=200, ge=1, le=1000),
        access: Access = Depends(gate),
    ) -> list[LedgerRowView]:
        found = await ledger.search(student_ref=student_ref, limit=limit)  # the gate logged it
        return [LedgerRowView.of(r) for r in found]

    @router.get(
        "/students/{student_ref}/disclosure-ledger",
        response_model=list[LedgerRowView],
        summary="Who has received this student's welfare data (for the student and guardians)",
        description=(
            "Every disclosure of the student's welfare record data outside the work, with its "
            "basis (§20.5); refused to a guardian kept out by §18. A guardian is not shown "
            "child-welfare notices (Child Welfare Act §25): child welfare tells the family."
        ),
    )
    async def own_ledger(
        student_ref: Identifier,
        limit: int = Query(default=200, ge=1, le=1000),
        access: Access = Depends(gate),
    ) -> list[LedgerRowView]:
        refusal = await family_check(access.who, student_ref)
        if refusal:
            await access.refuse(refusal, student_ref=student_ref)
        await access.grant(access.who.role.value, student_ref=student_ref)
        rows = await ledger.of_student(student_ref, limit=limit)
        if access.who.role is Role.GUARDIAN:
            rows = shown_to_guardian(rows)
        return [LedgerRowView.of(r) for r in rows]

    return router
