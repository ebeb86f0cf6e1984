"""Need-to-know at the door: a request reaches a case only on a basis the case grants, and
only a basis the endpoint admits (the principal of an unassigned case may assign its lead,
not read its record).

The decision reaches the access log before any data leaves the service: a read is logged
as granted at once; a write holds its basis until the step took effect or was refused.
A case that does not exist is refused exactly like one that is not the caller's, so an id
tells nobody whether there is a case behind it. The case is judged as it stands today: a
student who came of age since its last step has no guardian in it any more (§18).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from uuid import UUID

from fastapi import Depends

from services.welfare_group.domain.case import Case
from services.welfare_group.domain.need_to_know import CASE_TEAM, FAMILY_BASES, Basis, basis_for
from services.welfare_group.service_layer.majority import AsItStands
from services.welfare_group.service_layer.unit_of_work import Cases
from shared.security import Access, Action, Gate, Principal, Role

__all__ = ["CASE_TEAM", "CaseAccess", "CaseGuard", "GuardFactory", "case_guard", "family_check"]


@dataclass(frozen=True)
class CaseAccess:
    access: Access
    case: Case  # its state; the record is loaded by the handlers that show it
    basis: Basis


CaseGuard = Callable[..., Awaitable[CaseAccess]]
GuardFactory = Callable[[Collection[Basis]], CaseGuard]


def _why_not(who: Principal) -> str:
    if who.is_staff:
        return (
            "Only the case's responsible person and group members covered by consent may "
            "use it (or the school's principal, while nobody leads it)."
        )
    return "This record is not yours to see (§18)."


def case_guard(cases: Cases, gate: Gate, current: AsItStands) -> GuardFactory:
    """``guard(admits)``: a dependency letting in the callers whose basis is in ``admits``."""

    def guard_admitting(admits: Collection[Basis]) -> CaseGuard:
        async def guard(case_id: UUID, access: Access = Depends(gate)) -> CaseAccess:
            case = await cases.get(case_id, with_record=False)
            case = await current(case) if case else None
            basis = basis_for(case, access.who) if case else None
            student_ref = case.student_ref if case else None
            if case is None or basis is None or basis not in admits:
                await access.refuse(
                    _why_not(access.who), record_id=str(case_id), student_ref=student_ref
                )
            if access.rule.action is Action.READ:
                await access.grant(basis.value, record_id=str(case_id), student_ref=student_ref)
            else:
                access.hold(basis.value, record_id=str(case_id), student_ref=student_ref)
            return CaseAccess(access, case, basis)

        return guard

    return guard_admitting


def family_check(
    cases: Cases, current: AsItStands
) -> Callable[[Principal, str], Awaitable[str | None]]:
    """A guardian kept out of any of the student's cases (§18) is kept out of its log too."""

    async def check(who: Principal, student_ref: str) -> str | None:
        if who.role is not Role.GUARDIAN:
            return None
        for case in await cases.of_student(student_ref, with_record=False):
            if basis_for(await current(case), who) not in FAMILY_BASES:
                return "The guardian may not see this student's welfare data (§18)."
        return None

    return check
