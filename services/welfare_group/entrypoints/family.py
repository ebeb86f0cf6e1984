"""HTTP in for the family: a child's cases as the student and their guardian may see them
(§18), with the consent requests open for them to answer.

Which cases is ``need_to_know.basis_for``'s, as for the record: a guardian never sees a
case the minor has barred them from (§18.2 data bar), nor one under a raiser's hold on
notices while it stands, nor any once the student is of age; not even that it exists.
Each case shown is logged as the record read is; nothing to see is logged too.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends

from services.welfare_group.domain.consent import Consenter
from services.welfare_group.domain.consent_requests import FamilyMember
from services.welfare_group.domain.need_to_know import FAMILY_BASES, basis_for
from services.welfare_group.domain.registers import Register
from services.welfare_group.entrypoints.family_views import FamilyCaseView, registers_read
from services.welfare_group.service_layer.majority import AsItStands
from services.welfare_group.service_layer.unit_of_work import Cases
from shared.contracts import Identifier
from shared.security import FAMILY, Access, Gate, Principal, Role, Rule, Scope

__all__ = ["FAMILY_RULES", "family_member", "family_routes"]

FAMILY_RULES = {
    "GET /students/{student_ref}/cases": Rule(FAMILY, Scope.STUDENT, case_data=True),
}


def family_member(who: Principal) -> FamilyMember:
    """The student or guardian the token names, as the consenter they are (§14)."""
    consenter = Consenter.GUARDIAN if who.role is Role.GUARDIAN else Consenter.STUDENT
    return FamilyMember(who.subject, consenter)


def family_routes(cases: Cases, gate: Gate, current: AsItStands) -> APIRouter:
    router = APIRouter(tags=["family"])

    @router.get(
        "/students/{student_ref}/cases",
        response_model=list[FamilyCaseView],
        summary="A child's cases, as the student or their guardian may see them (§18)",
        description=(
            "For the student themself and a guardian of that student: each case they may see "
            "(§18: never one the minor barred the guardian from, nor one under a hold on the "
            "guardian's notices while it stands, nor any of a student of age for a guardian), "
            "with its status, dates, the lead's profession and the consent requests open for "
            "the caller to answer, item by item, with what is already decided. Another "
            "family's or staff: 403. Nothing to see: an empty list. Each case shown is logged."
        ),
    )
    async def family_cases(
        student_ref: Identifier, access: Access = Depends(gate)
    ) -> list[FamilyCaseView]:
        who = family_member(access.who)
        shown: list[FamilyCaseView] = []
        for case in [await current(c) for c in await cases.of_student(student_ref)]:
            basis = basis_for(case, access.who)
            if basis is None or basis not in FAMILY_BASES:
                continue
            view = FamilyCaseView.of(case, who)
            # Logged per register whose data it shows, as the record read is: the consent
            # requests' entries, and the welfare register's consents.
            read: list[Register | None] = [*registers_read(case, view)]
            for register in read or [None]:
                await access.grant(
                    basis.value,
                    record_id=str(case.case_id),
                    student_ref=student_ref,
                    register=register.value if register else None,
                )
            shown.append(view)
        if not shown:
            await access.nothing_to_see(student_ref=student_ref)
        return shown

    return router
