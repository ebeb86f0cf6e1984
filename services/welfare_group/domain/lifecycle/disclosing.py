"""Data leaving the work (§20.5, §22): a written consent to the disclosure, or a statute.

Consent to take part in the expert group (§14), even one naming outside parties (§19.2),
lets them into the work; it does not let record data go to anyone. A disclosure rests on
the student's or guardian's written consent naming the recipient and the data, or on a
statute chosen from the maintained list, and it is entered: what, to whom, on what basis.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from uuid import UUID, uuid4

from services.welfare_group.domain.case import Case
from services.welfare_group.domain.consent import Consenter, ConsentForm
from services.welfare_group.domain.disclosure import DisclosureConsent, RecordData, consenting_to
from services.welfare_group.domain.lifecycle.guards import entry
from services.welfare_group.domain.record_content import (
    Disclosure,
    DisclosureConsentDecision,
    DisclosureConsentWithdrawn,
)
from services.welfare_group.domain.rules import RuleViolation
from services.welfare_group.domain.statutes import STATUTES, Statute
from shared.contracts import StaffMember

__all__ = [
    "decide_disclosure_consent",
    "disclose",
    "disclosure_basis",
    "withdraw_disclosure_consent",
]


def decide_disclosure_consent(
    case: Case,
    *,
    given: bool,
    given_by: Consenter,
    student_can_judge: bool,
    to: str,
    data: Iterable[RecordData],
    purpose: str,
    form: ConsentForm,
    by: StaffMember,
    at: datetime,
) -> Case:
    """The student's or guardian's decision on one disclosure, kept whether given or not."""
    consent = DisclosureConsent(
        consent_id=uuid4(),
        given=given,
        given_by=given_by,
        student_can_judge=student_can_judge,
        capacity_assessed_by=by.staff_id,
        to=to,
        data=frozenset(data),
        purpose=purpose,
        form=form,
        decided_at=at,
        student_of_age=case.student_of_age,
    )
    decision = DisclosureConsentDecision(
        consent_id=consent.consent_id,
        given=given,
        given_by=given_by,
        student_can_judge=student_can_judge,
        to=to,
        data=sorted(consent.data),
        purpose=purpose,
        form=form,
    )
    case = entry(case, decision, by, at)
    return replace(case, disclosure_consents=(*case.disclosure_consents, consent))


def withdraw_disclosure_consent(
    case: Case, *, consent_id: UUID, by: StaffMember, at: datetime
) -> Case:
    found = next((c for c in case.disclosure_consents if c.consent_id == consent_id), None)
    if found is None or not found.in_force:
        raise RuleViolation(
            "§22",
            "there is no consent to a disclosure in force with that id",
            instead="name a consent to a disclosure that is in force",
        )
    consents = tuple(
        c.withdraw(at) if c.consent_id == consent_id else c for c in case.disclosure_consents
    )
    case = entry(case, DisclosureConsentWithdrawn(consent_id=consent_id, to=found.to), by, at)
    return replace(case, disclosure_consents=consents)


def disclosure_basis(
    case: Case, *, to: str, data: RecordData, statute: Statute | None
) -> Disclosure:
    """What a disclosure rests on, or the §22 refusal: the entry to make, without ``what``."""
    if statute is not None:
        row = STATUTES[statute]
        return Disclosure(to=to, what="", legal_basis=row.citation, data=data, statute=statute)
    consent = consenting_to(case.disclosure_consents, to, data)
    if consent is None:
        raise RuleViolation(
            "§22",
            f"no written consent to this disclosure in force names {to} and "
            f"{data.value.replace('_', ' ')}; consent to take part in the group is not one",
            instead="record the written consent to this disclosure (disclosure-consents), "
            "or choose the statute that requires or permits it",
        )
    return Disclosure(
        to=to,
        what="",
        legal_basis="written consent to the disclosure (§22)",
        data=data,
        consent_id=consent.consent_id,
    )


def disclose(
    case: Case,
    *,
    to: str,
    what: str,
    data: RecordData,
    statute: Statute | None,
    by: StaffMember,
    at: datetime,
) -> Case:
    """Record data leaving the work, entered with what, to whom and on what basis (§20.5)."""
    basis = disclosure_basis(case, to=to, data=data, statute=statute)
    return entry(case, replace(basis, what=what), by, at)
