"""The individual welfare case (yksilökohtainen opiskeluhuolto) and its first deadline.

One student has at most one open case at a school: the welfare record is one chronology
per student (§20), so a further concern from the same school while a case is open joins
that case instead of opening a second one. A concern from another school never joins it:
a student who changed school gets a case at the new school (what moves with them needs
consent, §23.3). The joining concern can only tighten the case: an urgent concern brings
the deadline forward, categories add up. A raiser's "the guardian must not be told yet"
is a request with a ground (``NoticeHold``): it holds guardian notices until the case's
responsible person keeps it, with a professional's ground and a new expiry, or lifts it,
or it lapses at its expiry, each in the record (§16.3). Only
the §18 step bars a guardian from the record. A student of age (18 or over) has no guardian
in these matters at all (``student_of_age``): no guardian is told or sees anything (§18).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID, uuid4

from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.consent import Consent
from services.welfare_group.domain.group import ExpertGroup, Measure, Meeting
from services.welfare_group.domain.guardian_bars import GuardianBar
from services.welfare_group.domain.notice_hold import DEFAULT_HOLD_DAYS, NoticeHold
from services.welfare_group.domain.record import Record
from services.welfare_group.domain.record_content import CaseOpened, ConcernLinked
from shared.contracts import ConcernCategory, GuardianHoldGround, StaffMember, Urgency

__all__ = ["Case", "CaseStatus", "NoticeHold", "discussion_deadline"]

ROUTINE_SCHOOL_DAYS = 7  # §15: offered by the 7th school working day after the request
URGENT_SCHOOL_DAYS = 1  # §15: urgent, the same or the next working day


class CaseStatus(StrEnum):
    OPENED = "opened"
    CONSENT_REQUESTED = "consent_requested"
    CONSENT_GIVEN = "consent_given"
    CONSENT_REFUSED = "consent_refused"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    GROUP_FORMED = "group_formed"
    FOLLOW_UP = "follow_up"  # measures agreed; reviewed until the case closes
    CLOSED = "closed"


def discussion_deadline(requested_on: date, urgency: Urgency, calendar: SchoolCalendar) -> date:
    """The last day on which a psychologist or kuraattori discussion must be offered."""
    days = URGENT_SCHOOL_DAYS if urgency is Urgency.URGENT else ROUTINE_SCHOOL_DAYS
    return calendar.school_day_after(requested_on, days)


@dataclass(frozen=True)
class Case:
    case_id: UUID
    student_ref: str
    school_id: str
    status: CaseStatus
    concern_ids: tuple[UUID, ...]
    categories: tuple[ConcernCategory, ...]
    urgency: Urgency
    responsible: StaffMember | None
    guardian_may_be_notified: bool
    discussion_due_on: date
    opened_at: datetime
    record: Record = field(default=Record())
    consents: tuple[Consent, ...] = ()
    group: ExpertGroup | None = None
    meetings: tuple[Meeting, ...] = ()
    measures: tuple[Measure, ...] = ()
    guardian_may_see_record: bool = True
    closed_reason: str | None = None
    closed_at: datetime | None = None  # the retention period of the record runs from here
    discussion_offered_on: date | None = None  # §15 met: the deadline timers fall silent
    guardian_notice_hold: NoticeHold | None = None
    # From the student register's date of birth, as it stood when the case last changed;
    # never set back: majority, once reached, stays (``lifecycle.come_of_age``).
    student_of_age: bool = False
    guardian_bars: frozenset[GuardianBar] = frozenset()  # §18.2, each set and lifted alone

    @property
    def is_open(self) -> bool:
        return self.status is not CaseStatus.CLOSED

    @property
    def unassigned(self) -> bool:
        """Nobody leads the case: it is with the principal until someone is assigned."""
        return self.responsible is None

    @classmethod
    def open(
        cls,
        *,
        concern_id: UUID,
        student_ref: str,
        school_id: str,
        categories: list[ConcernCategory],
        urgency: Urgency,
        guardian_must_not_be_told_yet: bool,
        responsible: StaffMember | None,
        raised_by: StaffMember,
        requested_on: date,
        calendar: SchoolCalendar,
        now: datetime,
        student_of_age: bool = False,
        guardian_hold_ground: GuardianHoldGround | None = None,
        hold_days: int = DEFAULT_HOLD_DAYS,
    ) -> Case:
        # An adult student has no guardian in these matters (§18): nothing to hold back.
        hold_requested = guardian_must_not_be_told_yet and not student_of_age
        record = Record().append(
            CaseOpened(
                topic=list(dict.fromkeys(categories)),
                # The narrative stays in intake, where it was written; the record points to it.
                background=f"concern {concern_id} raised in intake ({urgency.value})",
                raised_by=raised_by,
                guardian_hold_requested=guardian_must_not_be_told_yet,
                guardian_hold_ground=guardian_hold_ground,
            ),
            by=raised_by,
            at=now,
        )
        hold = NoticeHold.requested(
            raised_by, concern_id, now, on=requested_on, ground=guardian_hold_ground, days=hold_days
        )
        return cls(
            case_id=uuid4(),
            student_ref=student_ref,
            school_id=school_id,
            status=CaseStatus.OPENED,
            concern_ids=(concern_id,),
            categories=tuple(dict.fromkeys(categories)),
            urgency=urgency,
            responsible=responsible,
            guardian_may_be_notified=not (hold_requested or student_of_age),
            discussion_due_on=discussion_deadline(requested_on, urgency, calendar),
            opened_at=now,
            record=record,
            guardian_notice_hold=hold if hold_requested else None,
            guardian_may_see_record=not student_of_age,
            student_of_age=student_of_age,
        )

    def link_concern(
        self,
        *,
        concern_id: UUID,
        school_id: str,
        categories: list[ConcernCategory],
        urgency: Urgency,
        guardian_must_not_be_told_yet: bool,
        raised_by: StaffMember,
        requested_on: date,
        calendar: SchoolCalendar,
        now: datetime,
        guardian_hold_ground: GuardianHoldGround | None = None,
        hold_days: int = DEFAULT_HOLD_DAYS,
    ) -> Case:
        if school_id != self.school_id:
            raise ValueError("a concern from another school never joins this school's case")
        if concern_id in self.concern_ids:
            return self
        due = min(self.discussion_due_on, discussion_deadline(requested_on, urgency, calendar))
        hold = self.guardian_notice_hold
        if guardian_must_not_be_told_yet and hold is None and not self.student_of_age:
            hold = NoticeHold.requested(
                raised_by, concern_id, now, on=requested_on, ground=guardian_hold_ground,
                days=hold_days,
            )  # fmt: skip
        return replace(
            self,
            concern_ids=(*self.concern_ids, concern_id),
            categories=tuple(dict.fromkeys((*self.categories, *categories))),
            urgency=Urgency.URGENT if Urgency.URGENT in (self.urgency, urgency) else urgency,
            guardian_may_be_notified=self.guardian_may_be_notified and hold is None,
            guardian_notice_hold=hold,
            discussion_due_on=due,
            record=self.record.append(
                ConcernLinked(
                    topic=list(categories),
                    concern_id=concern_id,
                    raised_by=raised_by,
                    guardian_hold_requested=guardian_must_not_be_told_yet,
                ),
                by=raised_by,
                at=max(now, self.record.entries[-1].at) if self.record.entries else now,
            ),
        )
