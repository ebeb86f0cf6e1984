"""A consent decision kept (§14, §19): as a consent of the case and as its record entry,
itemised, its refusals explicit; and the case's status after it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from uuid import UUID, uuid4

from services.welfare_group.domain.case import Case, CaseStatus
from services.welfare_group.domain.consent import Consent, Consenter, ConsentForm, active_consent
from services.welfare_group.domain.lifecycle.guards import GROUP_AT_WORK, entry
from services.welfare_group.domain.record_content import ConsentCoverage, ConsentDecision
from services.welfare_group.domain.rules import RuleViolation
from shared.contracts import StaffMember

__all__ = ["record_decision"]

S = CaseStatus


def record_decision(
    case: Case,
    *,
    given: bool,
    given_by: Consenter,
    student_can_judge: bool,
    assessed_by: str | None,
    capacity_reasons: str | None,
    purpose: str,
    members: Iterable[str],
    outside_parties: Iterable[str],
    refused_members: Iterable[str],
    refused_outside_parties: Iterable[str],
    form: ConsentForm,
    by: StaffMember,
    at: datetime,
    answered_by: str | None = None,
    answers: UUID | None = None,
) -> Case:
    """The decision kept as a consent and as its record entry, and the case's status after it."""
    members, parties = frozenset(members), frozenset(outside_parties)
    refused_m = frozenset(refused_members) | (frozenset() if given else members)
    refused_p = frozenset(refused_outside_parties) | (frozenset() if given else parties)
    both = (members | parties) & (refused_m | refused_p) if given else frozenset()
    if both:
        raise RuleViolation(
            "§14",
            f"consented to and refused at once: {', '.join(sorted(both))}",
            instead="name each member and outside party once, as consented or as refused",
        )
    consent = Consent(
        consent_id=uuid4(),
        version=len(case.consents) + 1,
        given=given,
        given_by=given_by,
        student_can_judge=student_can_judge,
        capacity_assessed_by=assessed_by or by.staff_id,
        purpose=purpose,
        members=members,
        outside_parties=parties,
        form=form,
        decided_at=at,
        student_of_age=case.student_of_age,
        capacity_reasons=capacity_reasons,
        refused_members=refused_m,
        refused_outside_parties=refused_p,
    )
    refused = ConsentCoverage(members=sorted(refused_m), outside_parties=sorted(refused_p))
    decision = ConsentDecision(
        given=given,
        given_by=given_by,
        student_can_judge=student_can_judge,
        capacity_assessed_by=assessed_by,
        capacity_reasons=capacity_reasons,
        purpose=purpose,
        form=form,
        covers=ConsentCoverage(members=sorted(members), outside_parties=sorted(parties)),
        refused=refused if refused_m or refused_p else None,
        answered_by=answered_by,
        answers=answers,
    )
    case = entry(case, decision, by, at)
    consents = (*case.consents, consent)
    if case.status in GROUP_AT_WORK:
        status = case.status  # a group at work already has a consent in force
    else:
        status = S.CONSENT_GIVEN if active_consent(consents) else S.CONSENT_REFUSED
    return replace(case, consents=consents, status=status)
