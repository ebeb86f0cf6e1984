"""The §15 clock as a professional keeps it: a discussion requested after the concern
(the student's own request, or a guardian's, staff member's or another person's contact)
starts it or brings it forward; the urgency is re-assessed by a welfare professional, as
the national guidance has a professional judge it, not only the raiser; and a
psychologist or kuraattori stops it with a §15.2 exception, entered with its reason.
§16.2: a concern raised without the student owes the student a notice of the contact and
the offer of a discussion within the same limit; the professional records it done.

What counts as requested: the concern itself when it is referred to a psychologist or
kuraattori (``clock.asks_for_discussion``), or a request a welfare professional records
here. A nurse's matter with no such request is not timed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.clock import (
    DISCUSSION_PROFESSIONS,
    StudentNotice,
    discussion_deadline,
)
from services.welfare_group.domain.lifecycle.guards import OPEN, entry, require
from services.welfare_group.domain.record_content import (
    DiscussionException,
    DiscussionNotNeeded,
    DiscussionRequested,
    DiscussionRequester,
    StudentTold,
    UrgencyReassessed,
)
from services.welfare_group.domain.rules import RuleViolation
from shared.contracts import WELFARE_PROFESSIONS, Role, StaffMember, Urgency

__all__ = [
    "except_discussion",
    "owe_student_notice",
    "reassess_urgency",
    "request_discussion",
    "tell_student",
]


def _a_welfare_professional(by: StaffMember, *, message: str) -> None:
    if by.role not in WELFARE_PROFESSIONS:
        raise RuleViolation(
            "§15", message, instead="ask the nurse, psychologist or kuraattori to record it"
        )


def request_discussion(
    case: Case,
    *,
    requested_on: date,
    requested_by: DiscussionRequester,
    with_profession: Role,
    calendar: SchoolCalendar,
    by: StaffMember,
    at: datetime,
) -> Case:
    """§15.1-2: a psychologist or kuraattori discussion requested on ``requested_on``; the
    clock runs from that day, at the case's urgency, unless an earlier deadline runs."""
    require(case, OPEN, "record a discussion request", instead="open a new case")
    _a_welfare_professional(
        by, message="a request for a §15 discussion is recorded by a welfare professional"
    )
    if with_profession not in DISCUSSION_PROFESSIONS:
        raise RuleViolation(
            "§15",
            "the §15 clock is for a discussion with a psychologist or kuraattori",
            instead="record the nurse's own contact in the county's health care records",
        )
    timed = case.discussion_requested(on=requested_on, urgency=case.urgency, calendar=calendar)
    assert timed.discussion_due_on is not None  # a request always sets a deadline
    requested = DiscussionRequested(
        requested_on=requested_on,
        requested_by=requested_by,
        with_profession=with_profession,  # type: ignore[arg-type]
        due_on=timed.discussion_due_on,
    )
    return entry(timed, requested, by, at)


def reassess_urgency(
    case: Case,
    *,
    urgency: Urgency,
    reason: str,
    calendar: SchoolCalendar,
    by: StaffMember,
    at: datetime,
) -> Case:
    """A nurse, psychologist or kuraattori judges the matter urgent or routine; a running
    §15 deadline is recomputed from the day the discussion was requested."""
    require(case, OPEN, "re-assess the urgency", instead="open a new case")
    _a_welfare_professional(
        by, message="whether a matter is urgent is judged by a welfare professional"
    )
    if urgency is case.urgency:
        raise RuleViolation(
            "§15",
            f"the case is {urgency.value} already",
            instead="record the other urgency, or nothing",
        )
    requested_on = case.discussion_requested_on
    due = None if requested_on is None else discussion_deadline(requested_on, urgency, calendar)
    judged = replace(case, urgency=urgency, discussion_due_on=due)
    judgement = UrgencyReassessed(
        from_urgency=case.urgency, to_urgency=urgency, reason=reason, due_on=due
    )
    return entry(judged, judgement, by, at)


def except_discussion(
    case: Case,
    *,
    exception: DiscussionException,
    explanation: str,
    by: StaffMember,
    at: datetime,
) -> Case:
    """§15.2: the contact was only advice to the person who called, or a discussion is
    clearly unnecessary. Judged by the psychologist or kuraattori the discussion would be
    with; the deadline stops and its reminders fall silent."""
    require(case, OPEN, "record a §15.2 exception", instead="open a new case")
    if by.role not in DISCUSSION_PROFESSIONS:
        raise RuleViolation(
            "§15",
            "whether a discussion is needed is judged by the psychologist or kuraattori",
            instead="ask the school psychologist or kuraattori to judge it",
        )
    due = case.discussion_due_on
    if due is None or case.discussion_exception is not None:
        raise RuleViolation(
            "§15",
            "no §15 deadline runs on this case",
            instead="record a discussion request first, if one was made",
        )
    if case.discussion_offered_on is not None:
        raise RuleViolation(
            "§15",
            "the discussion was offered already",
            instead="record what followed the discussion instead",
        )
    stopped = replace(case, discussion_exception=exception)
    return entry(stopped, DiscussionNotNeeded(exception, explanation, due), by, at)


def owe_student_notice(
    case: Case, *, requested_on: date, urgency: Urgency, calendar: SchoolCalendar
) -> Case:
    """§16.2: the concern says the student was not informed: the student is to be told of
    the contact and offered a discussion by the §15 limit of that concern. A notice still
    owed keeps its earlier date."""
    due = discussion_deadline(requested_on, urgency, calendar)
    owed = case.student_notice
    if owed is not None and owed.pending:
        due = min(due, owed.due_on)
    return replace(case, student_notice=StudentNotice(due))


def tell_student(case: Case, *, told_on: date, by: StaffMember, at: datetime) -> Case:
    """§16.2 done: the student was told of the contact and offered a discussion."""
    require(case, OPEN, "record the student told", instead="open a new case")
    _a_welfare_professional(
        by, message="the student is told of the contact by the welfare professional"
    )
    owed = case.student_notice
    if owed is None or not owed.pending:
        raise RuleViolation(
            "§16",
            "no notice to the student is owed on this case",
            instead="nothing: the student knew of the contact, or was told already",
        )
    told = StudentTold(told_on=told_on, within_deadline=told_on <= owed.due_on)
    done = replace(case, student_notice=replace(owed, told_on=told_on))
    return entry(done, told, by, at)
