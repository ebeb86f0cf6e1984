"""Consent (§14): asked for, and given or refused as the professional records it; the
family's own answer is ``answering``'s, the decision kept ``decisions``', a withdrawal
``withdrawing``'s."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from services.welfare_group.domain.case import Case, CaseStatus
from services.welfare_group.domain.consent import (
    Consenter,
    ConsentForm,
    require_the_right_consenter,
)
from services.welfare_group.domain.lifecycle.decisions import record_decision
from services.welfare_group.domain.lifecycle.guards import GROUP_AT_WORK, OPEN, entry, require
from services.welfare_group.domain.record_content import ConsentRequested
from services.welfare_group.domain.rules import RuleViolation
from shared.contracts import WELFARE_PROFESSIONS, StaffMember

__all__ = [
    "decide_consent",
    "request_consent",
    "require_capacity_assessment",
]

S = CaseStatus


def request_consent(
    case: Case,
    *,
    from_: Consenter,
    purpose: str,
    by: StaffMember,
    at: datetime,
    members: Iterable[StaffMember] = (),
    outside_parties: Iterable[str] = (),
    student_can_judge: bool | None = None,
    capacity_reasons: str | None = None,
) -> Case:
    """Asked item by item (the members, the outside parties), and, for the family to answer
    it themselves, with the capacity assessment that says who decides (§14)."""
    # Asking again while a request is pending is a reminder to the family, recorded too.
    require(case, OPEN, "request consent", instead="open a new case")
    _require_consenter_for_age(case, from_)
    if student_can_judge is not None:
        if not case.student_of_age or not student_can_judge:
            require_capacity_assessment(by, capacity_reasons)
        require_the_right_consenter(
            from_, student_can_judge=student_can_judge, student_of_age=case.student_of_age
        )
    asked = ConsentRequested(
        from_=from_,
        purpose=purpose,
        members=list({m.staff_id: m for m in members}.values()),
        outside_parties=sorted(set(outside_parties)),
        student_can_judge=student_can_judge,
        capacity_reasons=capacity_reasons if student_can_judge is not None else None,
    )
    case = entry(case, asked, by, at)
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
    refused_members: Iterable[str] = (),
    refused_outside_parties: Iterable[str] = (),
) -> Case:
    """A consent or refusal, with the capacity assessment behind who decided: for a minor
    (and for an adult found unable to judge) made by a health or social care professional,
    who is the one recording it, with its reasons (§14, §18). Itemised: what it consents to
    beside what it refuses, each kept."""
    require(case, OPEN, "record consent", instead="open a new case")
    assessed = not case.student_of_age or not student_can_judge
    if assessed:
        require_capacity_assessment(by, capacity_reasons)
    return record_decision(
        case, given=given, given_by=given_by, student_can_judge=student_can_judge,
        assessed_by=by.staff_id if assessed else None, capacity_reasons=capacity_reasons,
        purpose=purpose, members=members, outside_parties=outside_parties,
        refused_members=refused_members, refused_outside_parties=refused_outside_parties,
        form=form, by=by, at=at,
    )  # fmt: skip


def require_capacity_assessment(by: StaffMember, reasons: str | None) -> None:
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
