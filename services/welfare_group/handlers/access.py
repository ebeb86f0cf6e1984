"""Need-to-know at the door: a request reaches a case only on a basis the case grants.

The decision and its basis are written to the access log before the handler runs, so
every use of a case is logged before anything of it leaves the service.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from uuid import UUID

from fastapi import Depends, HTTPException, status

from services.welfare_group.adapters.repository import CaseRepository
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.need_to_know import basis_for
from shared.security import Access, Gate, Principal, Role

__all__ = ["CaseAccess", "CaseGuard", "case_guard", "family_check"]


@dataclass(frozen=True)
class CaseAccess:
    access: Access
    case: Case  # its state; the record is loaded by the handlers that show it


CaseGuard = Callable[..., Awaitable[CaseAccess]]


def case_guard(cases: CaseRepository, gate: Gate) -> CaseGuard:
    async def guard(case_id: UUID, access: Access = Depends(gate)) -> CaseAccess:
        case = await cases.get(case_id, with_record=False)
        if case is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "No case with that id.")
        record_id, student_ref = str(case_id), case.student_ref
        basis = basis_for(case, access.who)
        if basis is None:
            reason = (
                "Only the case's responsible person and group members covered by consent "
                "may use it."
                if access.who.is_staff
                else "This record is not yours to see (§18)."
            )
            await access.refuse(reason, record_id=record_id, student_ref=student_ref)
        await access.grant(basis.value, record_id=record_id, student_ref=student_ref)
        return CaseAccess(access, case)

    return guard


def family_check(cases: CaseRepository) -> Callable[[Principal, str], Awaitable[str | None]]:
    """A guardian kept out of any of the student's cases (§18) is kept out of its log too."""

    async def check(who: Principal, student_ref: str) -> str | None:
        if who.role is not Role.GUARDIAN:
            return None
        for case in await cases.of_student(student_ref, with_record=False):
            if not (case.guardian_may_see_record and case.guardian_may_be_notified):
                return "The guardian may not see this student's welfare data (§18)."
        return None

    return check
