"""Around the group's work: the §15 discussion, the student heard (§18), disclosures, notices."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from uuid import UUID

from services.welfare_group.domain.case import Case
from services.welfare_group.domain.clock import DISCUSSION_PROFESSIONS
from services.welfare_group.domain.lifecycle.guards import OPEN, entry, require, require_consent
from services.welfare_group.domain.record_content import (
    ChildWelfareNotice,
    Correction,
    Disclosure,
    DiscussionOffered,
    GuardianBarred,
    StudentView,
)
from services.welfare_group.domain.rules import RuleViolation
from shared.contracts import WELFARE_PROFESSIONS, StaffMember

__all__ = [
    "bar_guardian",
    "correct",
    "disclose",
    "hear_student",
    "offer_discussion",
    "record_child_welfare_notice",
]


def offer_discussion(case: Case, *, offered_on: date, by: StaffMember, at: datetime) -> Case:
    """§15: the psychologist or kuraattori discussion offered; this is what meets the deadline."""
    require(case, OPEN, "offer the discussion", instead="open a new case")
    if by.role not in DISCUSSION_PROFESSIONS:
        raise RuleViolation(
            "§15",
            "the discussion the deadline requires is one with a psychologist or kuraattori",
            instead="ask the school psychologist or kuraattori to offer it",
        )
    if offered_on < case.opened_at.date():
        raise RuleViolation(
            "§15",
            "a discussion cannot be offered before the concern was raised",
            instead="give the day on which it was actually offered",
        )
    due = case.discussion_due_on  # None: no §15 request, so no deadline to meet or miss
    offered = DiscussionOffered(
        offered_on=offered_on,
        offered_by=by.staff_id,
        within_deadline=None if due is None else offered_on <= due,
    )
    case = entry(case, offered, by, at)
    first = case.discussion_offered_on
    return replace(case, discussion_offered_on=min(first, offered_on) if first else offered_on)


def hear_student(case: Case, *, views: str, wishes: str, by: StaffMember, at: datetime) -> Case:
    require(case, OPEN, "record the student's views", instead="open a new case")
    return entry(case, StudentView(views=views, wishes=wishes), by, at)


def bar_guardian(
    case: Case, *, reason: str, assessment: str, by: StaffMember, at: datetime
) -> Case:
    """§18: a minor's bar on the guardian, signed off by a health or social care professional."""
    require(case, OPEN, "record a bar on the guardian", instead="open a new case")
    if by.role not in WELFARE_PROFESSIONS:
        raise RuleViolation(
            "§18",
            "whether a bar is in the child's interest is judged by a health "
            "or social care professional",
            instead="ask the nurse, psychologist or kuraattori to assess and sign it off",
        )
    case = entry(case, GuardianBarred(reason=reason, assessment=assessment), by, at)
    return replace(case, guardian_may_be_notified=False, guardian_may_see_record=False)


def disclose(
    case: Case, *, to: str, what: str, legal_basis: str | None, by: StaffMember, at: datetime
) -> Case:
    """Record data leaving the work: on a consent naming the recipient, or a cited statute."""
    if legal_basis is None:
        require_consent(case, parties=[to])
    basis = legal_basis or "consent"
    return entry(case, Disclosure(to=to, what=what, legal_basis=basis), by, at)


def record_child_welfare_notice(case: Case, *, by: StaffMember, at: datetime) -> Case:
    """Child Welfare Act §25: noted in the record; it changes nothing else in the case."""
    return entry(case, ChildWelfareNotice(made_by=by.staff_id), by, at)


def correct(case: Case, *, entry_id: UUID, correction: str, by: StaffMember, at: datetime) -> Case:
    record = case.record.append(Correction(correction=correction), by=by, at=at, corrects=entry_id)
    return replace(case, record=record)
