"""A concern taken up: the case it opens, or the open case it joins at the same school.

A concern from another school never joins a case: a student who changed school gets a
case at the new school (what moves with them needs consent, §23.3). A joining concern can
only tighten the case: an urgent concern brings the deadline forward, categories add up,
a hold on guardian notices is kept.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from uuid import UUID, uuid4

from services.welfare_group.domain.asker import STAFF_CONCERN, Asker, author
from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.case import Case, CaseStatus
from services.welfare_group.domain.clock import asks_for_discussion
from services.welfare_group.domain.notice_hold import DEFAULT_HOLD_DAYS, NoticeHold
from services.welfare_group.domain.record import Record
from services.welfare_group.domain.record_content import CaseOpened, ConcernLinked
from services.welfare_group.domain.registers import Register, register_of
from services.welfare_group.domain.routing import responsible_role
from shared.contracts import ConcernCategory, EntryKind, GuardianHoldGround, StaffMember, Urgency

__all__ = ["link_concern", "open_case"]


def open_case(
    *,
    concern_id: UUID,
    student_ref: str,
    school_id: str,
    categories: list[ConcernCategory],
    urgency: Urgency,
    guardian_must_not_be_told_yet: bool,
    responsible: StaffMember | None,
    raised_by: StaffMember | None,
    requested_on: date,
    calendar: SchoolCalendar,
    now: datetime,
    student_of_age: bool = False,
    asker: Asker = STAFF_CONCERN,
    entered_by: StaffMember | None = None,
    guardian_hold_ground: GuardianHoldGround | None = None,
    hold_days: int = DEFAULT_HOLD_DAYS,
) -> Case:
    """``raised_by`` is None for the student's or a guardian's own request; the entry is
    then ``entered_by`` the professional who takes it up."""
    lead = responsible.role if responsible else responsible_role(categories)
    # An adult student has no guardian in these matters (§18): nothing to hold back.
    hold_requested = guardian_must_not_be_told_yet and not student_of_age
    record = Record().append(
        CaseOpened(
            topic=list(dict.fromkeys(categories)),
            # The narrative stays in intake, where it was written; the record points to it.
            background=f"concern {concern_id} raised in intake ({urgency.value})",
            raised_by=raised_by,
            guardian_hold_requested=guardian_must_not_be_told_yet,
            requested_by=asker.requested_by,
            requester_ref=asker.requester_ref,
            guardian_hold_ground=guardian_hold_ground,
        ),
        by=author(raised_by, entered_by),
        at=now,
        register=register_of(lead) or Register.HEALTH_CARE,
    )
    hold = NoticeHold.requested(
        asker.ref(raised_by), raised_by, concern_id, now,
        on=requested_on, ground=guardian_hold_ground, days=hold_days,
    )  # fmt: skip
    case = Case(
        case_id=uuid4(),
        student_ref=student_ref,
        school_id=school_id,
        status=CaseStatus.OPENED,
        concern_ids=(concern_id,),
        categories=tuple(dict.fromkeys(categories)),
        urgency=urgency,
        responsible=responsible,
        guardian_may_be_notified=not (hold_requested or student_of_age),
        discussion_due_on=None,
        opened_at=now,
        record=record,
        guardian_notice_hold=hold if hold_requested else None,
        raisers=(raised_by,) if raised_by else (),  # staff who raised it, for §20.4
        guardian_may_see_record=not student_of_age,
        student_of_age=student_of_age,
    )
    if not asks_for_discussion(categories, responsible):
        return case  # a nurse's matter: §15 times no discussion
    return case.discussion_requested(on=requested_on, urgency=urgency, calendar=calendar)


def link_concern(
    existing: Case,
    *,
    concern_id: UUID,
    school_id: str,
    categories: list[ConcernCategory],
    urgency: Urgency,
    guardian_must_not_be_told_yet: bool,
    raised_by: StaffMember | None,
    requested_on: date,
    calendar: SchoolCalendar,
    now: datetime,
    asker: Asker = STAFF_CONCERN,
    entered_by: StaffMember | None = None,
    guardian_hold_ground: GuardianHoldGround | None = None,
    hold_days: int = DEFAULT_HOLD_DAYS,
) -> Case:
    if school_id != existing.school_id:
        raise ValueError("a concern from another school never joins this school's case")
    if concern_id in existing.concern_ids:
        return existing
    case = existing
    if asks_for_discussion(categories, existing.responsible):
        case = existing.discussion_requested(on=requested_on, urgency=urgency, calendar=calendar)
    hold = existing.guardian_notice_hold
    if guardian_must_not_be_told_yet and hold is None and not existing.student_of_age:
        hold = NoticeHold.requested(
            asker.ref(raised_by), raised_by, concern_id, now,
            on=requested_on, ground=guardian_hold_ground, days=hold_days,
        )  # fmt: skip
    return replace(
        case,
        concern_ids=(*existing.concern_ids, concern_id),
        categories=tuple(dict.fromkeys((*existing.categories, *categories))),
        urgency=Urgency.URGENT if Urgency.URGENT in (existing.urgency, urgency) else urgency,
        guardian_may_be_notified=existing.guardian_may_be_notified and hold is None,
        guardian_notice_hold=hold,
        raisers=tuple(dict.fromkeys((*existing.raisers, *([raised_by] if raised_by else [])))),
        record=existing.record.append(
            ConcernLinked(
                topic=list(categories),
                concern_id=concern_id,
                raised_by=raised_by,
                guardian_hold_requested=guardian_must_not_be_told_yet,
                requested_by=asker.requested_by,
                requester_ref=asker.requester_ref,
            ),
            by=author(raised_by, entered_by),
            at=max(now, existing.record.entries[-1].at) if existing.record.entries else now,
            register=existing.register_for_next(
                EntryKind.CONCERN_LINKED, author(raised_by, entered_by)
            ),
        ),
    )
