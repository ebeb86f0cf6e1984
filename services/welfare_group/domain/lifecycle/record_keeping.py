"""Around the group's work: the §15 discussion, the student heard (§18), notices.
(The guardian's bars are in ``guardian``; disclosures in ``disclosing``.)"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from uuid import UUID

from services.welfare_group.domain.case import Case
from services.welfare_group.domain.clock import DISCUSSION_PROFESSIONS
from services.welfare_group.domain.lifecycle.guards import OPEN, entry, require
from services.welfare_group.domain.record_content import (
    ChildWelfareNotice,
    Correction,
    DiscussionOffered,
    StudentView,
)
from services.welfare_group.domain.rules import RuleViolation
from shared.contracts import WELFARE_PROFESSIONS, StaffMember

__all__ = [
    "correct",
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
    """§18: the student's views and wishes. Before the expert group there is no welfare
    record to hold them: only a county professional hears them, in their own work (and
    register); school staff record them once the group handles the matter (§20.3)."""
    require(case, OPEN, "record the student's views", instead="open a new case")
    if not case.record.begun and by.role not in WELFARE_PROFESSIONS:
        raise RuleViolation(
            "§20",
            "before the expert group there is no welfare record to hold the student's views",
            instead="ask the nurse, psychologist or kuraattori to hear the student, or record "
            "the views once the group is formed on consent",
        )
    return entry(case, StudentView(views=views, wishes=wishes), by, at)


def record_child_welfare_notice(
    case: Case, *, made_on: date, to: str, by: StaffMember, at: datetime
) -> Case:
    """Child Welfare Act §25: any staff member who made a notice notes it, with its day and
    the authority it went to; it changes nothing else in the case."""
    notice = ChildWelfareNotice(made_by=by.staff_id, made_on=made_on, to=to)
    return entry(case, notice, by, at)


def correct(case: Case, *, entry_id: UUID, correction: str, by: StaffMember, at: datetime) -> Case:
    # The register is the corrected entry's, whatever this one says (``Record.append``).
    record = case.record.append(
        Correction(correction=correction),
        by=by,
        at=at,
        register=case.referral_register,
        corrects=entry_id,
    )
    return replace(case, record=record)
