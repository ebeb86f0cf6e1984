"""Consent (§14): asked for, given or refused, withdrawn at once; every decision kept."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from uuid import uuid4

from services.welfare_group.domain.case import Case, CaseStatus
from services.welfare_group.domain.consent import (
    Consent,
    Consenter,
    ConsentForm,
    active_consent,
    covers,
)
from services.welfare_group.domain.group import ExpertGroup
from services.welfare_group.domain.lifecycle.guards import GROUP_AT_WORK, OPEN, entry, require
from services.welfare_group.domain.record_content import (
    ConsentCoverage,
    ConsentDecision,
    ConsentRequested,
    ConsentWithdrawn,
)
from services.welfare_group.domain.rules import RuleViolation
from shared.contracts import WELFARE_PROFESSIONS, StaffMember

__all__ = ["decide_consent", "request_consent", "withdraw_consent"]

S = CaseStatus


def request_consent(
    case: Case, *, from_: Consenter, purpose: str, by: StaffMember, at: datetime
) -> Case:
    # Asking again while a request is pending is a reminder to the family, recorded too.
    require(case, OPEN, "request consent", instead="open a new case")
    _require_consenter_for_age(case, from_)
    case = entry(case, ConsentRequested(from_=from_, purpose=purpose), by, at)
    return (
        case
        if case.status in GROUP_AT_WORK | {S.CONSENT_GIVEN}
        else replace(case, status=S.CONSENT_REQUESTED)
    )


def decide_consent(
    case: Case,
    *,
    given: bool,
    given_by: Consenter,
    student_can_judge: bool,
    purpose: str,
    members: Iterable[str],
    outside_parties: Iterable[str],
    form: ConsentForm,
    capacity_reasons: str | None,
    by: StaffMember,
    at: datetime,
) -> Case:
    """A consent or refusal, with the capacity assessment behind who decided: for a minor
    (and for an adult found unable to judge) made by a health or social care professional,
    who is the one recording it, with its reasons (§14, §18)."""
    require(case, OPEN, "record consent", instead="open a new case")
    assessed = not case.student_of_age or not student_can_judge
    if assessed:
        _require_capacity_assessment(by, capacity_reasons)
    consent = Consent(
        consent_id=uuid4(),
        version=len(case.consents) + 1,
        given=given,
        given_by=given_by,
        student_can_judge=student_can_judge,
        capacity_assessed_by=by.staff_id,
        purpose=purpose,
        members=frozenset(members),
        outside_parties=frozenset(outside_parties),
        form=form,
        decided_at=at,
        student_of_age=case.student_of_age,
        capacity_reasons=capacity_reasons,
    )
    decision = ConsentDecision(
        given=given,
        given_by=given_by,
        student_can_judge=student_can_judge,
        capacity_assessed_by=by.staff_id if assessed else None,
        capacity_reasons=capacity_reasons,
        purpose=purpose,
        form=form,
        covers=ConsentCoverage(
            members=sorted(consent.members), outside_parties=sorted(consent.outside_parties)
        ),
    )
    case = entry(case, decision, by, at)
    consents = (*case.consents, consent)
    if case.status in GROUP_AT_WORK:
        status = case.status  # a group at work already has a consent in force
    else:
        status = S.CONSENT_GIVEN if active_consent(consents) else S.CONSENT_REFUSED
    return replace(case, consents=consents, status=status)


def _require_capacity_assessment(by: StaffMember, reasons: str | None) -> None:
    if by.role not in WELFARE_PROFESSIONS:
        raise RuleViolation(
            "§14",
            "whether the student can judge what consenting means is assessed by a health or "
            "social care professional",
            instead="ask the nurse, psychologist or kuraattori to assess it and record the "
            "decision",
        )
    if not (reasons and reasons.strip()):
        raise RuleViolation(
            "§14",
            "the capacity assessment must give its reasons",
            instead="record why the student can, or cannot, judge what consenting means",
        )


def _require_consenter_for_age(case: Case, who: Consenter) -> None:
    if case.student_of_age and who is Consenter.GUARDIAN:
        raise RuleViolation(
            "§14",
            "the student is of age: a guardian has no say in their welfare matters (§18)",
            instead="ask the student, or their court-appointed representative",
        )
    if not case.student_of_age and who is Consenter.REPRESENTATIVE:
        raise RuleViolation(
            "§14",
            "a minor's consent is their own or, where they cannot judge, their guardian's",
            instead="ask the student or the guardian",
        )


def withdraw_consent(case: Case, *, by: StaffMember, at: datetime) -> Case:
    in_force = [c.version for c in case.consents if c.in_force]
    if not in_force or not case.is_open:
        raise RuleViolation(
            "§14",
            "there is no consent in force to withdraw",
            instead="nothing: without consent the group cannot act",
        )
    consents = tuple(c.withdraw(at) if c.in_force else c for c in case.consents)
    group, left = _what_consent_still_covers(case.group, consents)
    case = entry(case, ConsentWithdrawn(consent_versions=in_force, left_group=left), by, at)
    return replace(case, consents=consents, group=group, status=S.CONSENT_WITHDRAWN)


def _what_consent_still_covers(
    group: ExpertGroup | None, consents: Iterable[Consent]
) -> tuple[ExpertGroup | None, list[str]]:
    """The group dissolves as far as consent goes: members no consent in force covers leave
    it, in the same step; its responsible person stays to lead the case (§14)."""
    if group is None:
        return None, []
    consents = tuple(consents)
    stay = tuple(
        m
        for m in group.members
        if m.staff_id == group.responsible or covers(consents, members=[m.staff_id])
    )
    left = sorted(m.staff_id for m in group.members if m not in stay)
    return (ExpertGroup(stay, group.responsible) if stay else None), left
