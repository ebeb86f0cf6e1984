"""What the family is shown of a child's cases (§18): their state, the discussion's dates,
the lead's profession (not who), and the consent requests open for them to answer, item by
item, with what of each is decided. Staff are named by id and role, as the requests name
them; no one's name, no narrative.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from pydantic import BaseModel

from services.welfare_group.domain.case import Case, CaseStatus
from services.welfare_group.domain.consent import Consenter
from services.welfare_group.domain.consent_requests import (
    FamilyMember,
    OpenRequest,
    requests_for,
)
from services.welfare_group.domain.registers import Register
from services.welfare_group.entrypoints.views import ConsentItemView, Decision, consent_items
from shared.contracts import ConcernCategory, StaffRole

__all__ = ["FamilyCaseView", "FamilyConsentRequestView", "registers_read"]

_DECISIONS: dict[str, Decision] = {
    "consented": "consented",
    "refused": "refused",
    "withdrawn": "withdrawn",
}


class RequestedMemberView(BaseModel):
    staff_id: str
    role: StaffRole
    decision: Decision | None  # None: not yet answered


class RequestedPartyView(BaseModel):
    party: str
    decision: Decision | None


class FamilyConsentRequestView(BaseModel):
    request_id: UUID  # the request's record entry: what an answer names
    asked_at: datetime
    asked_of: Consenter
    purpose: str
    members: list[RequestedMemberView]
    outside_parties: list[RequestedPartyView]

    @classmethod
    def of(cls, r: OpenRequest) -> FamilyConsentRequestView:
        def decided(item: str) -> Decision | None:
            d = r.decided.get(item)
            return None if d is None else _DECISIONS[d]

        return cls(
            request_id=r.request_id,
            asked_at=r.asked_at,
            asked_of=r.asked_of,
            purpose=r.purpose,
            members=[
                RequestedMemberView(staff_id=m.staff_id, role=m.role, decision=decided(m.staff_id))
                for m in r.members
            ],
            outside_parties=[
                RequestedPartyView(party=p, decision=decided(p)) for p in r.outside_parties
            ],
        )


class FamilyCaseView(BaseModel):
    case_id: UUID
    status: CaseStatus
    opened_at: datetime
    # The topic, once the welfare record has begun (its §20.4 header, which the family
    # reads); before, the referral is in the county's register: None.
    categories: list[ConcernCategory] | None
    responsible_profession: StaffRole | None  # None: nobody leads it yet
    discussion_requested_on: date | None
    discussion_due_on: date | None
    discussion_offered_on: date | None
    consent_requests: list[FamilyConsentRequestView]  # open for this family member to answer
    consent_items: list[ConsentItemView]  # what is consented to, refused, withdrawn

    @classmethod
    def of(cls, case: Case, who: FamilyMember) -> FamilyCaseView:
        return cls(
            case_id=case.case_id,
            status=case.status,
            opened_at=case.opened_at,
            categories=list(case.categories) if case.record.begun else None,
            responsible_profession=case.responsible.role if case.responsible else None,
            discussion_requested_on=case.discussion_requested_on,
            discussion_due_on=case.discussion_due_on,
            discussion_offered_on=case.discussion_offered_on,
            consent_requests=[FamilyConsentRequestView.of(r) for r in requests_for(case, who)],
            consent_items=consent_items(case),
        )


def registers_read(case: Case, view: FamilyCaseView) -> list[Register]:
    """The registers whose entries the view shows data of, for their own access logs."""
    asked = {r.request_id for r in view.consent_requests}
    registers = {e.register for e in case.record.entries if e.entry_id in asked}
    if view.consent_items:
        registers.add(Register.WELFARE)
    return sorted(registers)
