"""The individual welfare case (yksilökohtainen opiskeluhuolto) and its §15 deadline.

One student has at most one open case at a school: the welfare record is one chronology
per student (§20), so a further concern from the same school while a case is open joins
that case instead of opening a second one. A concern from another school never joins it:
a student who changed school gets a case at the new school (what moves with them needs
consent, §23.3). The joining concern can only tighten the case: an urgent concern brings
the deadline forward, categories add up.

The §15 clock belongs to a psychologist's or kuraattori's discussion, not to the nurse: a
case has a deadline only once such a discussion counts as requested (``asks_for_discussion``:
the concern is referred to a psychologist or kuraattori by its categories, or one leads the
case; or a welfare professional records a request later). Until then
``discussion_due_on`` is None and nothing is timed.

A raiser's "the guardian must not be told yet" is a request with a ground (``NoticeHold``):
it holds guardian notices until the case's responsible person keeps it, with a
professional's ground and a new expiry, or lifts it, or it lapses at its expiry, each in
the record (§16.3). Only the §18 step bars a guardian from the record.
A student of age (18 or over) has no guardian in these matters at all
(``student_of_age``): no guardian is told or sees anything (§18).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID, uuid4

from services.welfare_group.domain.asker import STAFF_CONCERN, Asker, author
from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.clock import (
    StudentNotice,
    asks_for_discussion,
    discussion_deadline,
)
from services.welfare_group.domain.consent import Consent
from services.welfare_group.domain.disclosure import DisclosureConsent
from services.welfare_group.domain.group import ExpertGroup, Measure, Meeting
from services.welfare_group.domain.guardian_bars import GuardianBar
from services.welfare_group.domain.notice_hold import DEFAULT_HOLD_DAYS, NoticeHold
from services.welfare_group.domain.record import Record
from services.welfare_group.domain.record_content import (
    CaseOpened,
    ConcernLinked,
    DiscussionException,
)
from services.welfare_group.domain.registers import Register, register_for, register_of
from services.welfare_group.domain.routing import responsible_role
from shared.contracts import (
    ConcernCategory,
    EntryKind,
    GuardianHoldGround,
    StaffMember,
    Urgency,
)

__all__ = ["Case", "CaseStatus", "NoticeHold", "discussion_deadline"]


class CaseStatus(StrEnum):
    OPENED = "opened"
    CONSENT_REQUESTED = "consent_requested"
    CONSENT_GIVEN = "consent_given"
    CONSENT_REFUSED = "consent_refused"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    GROUP_FORMED = "group_formed"
    FOLLOW_UP = "follow_up"  # measures agreed; reviewed until the case closes
    CLOSED = "closed"


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
    discussion_due_on: date | None  # None: no §15 discussion requested, nothing is timed
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
    raisers: tuple[StaffMember, ...] = ()  # the concerns' facts, for the §20.4 header
    discussion_requested_on: date | None = None  # the day the §15 clock counts from
    discussion_exception: DiscussionException | None = None  # §15.2: the clock stopped
    student_notice: StudentNotice | None = None  # §16.2: the student is to be told

    # From the student register's date of birth, as it stood when the case last changed;
    # never set back: majority, once reached, stays (``lifecycle.come_of_age``).
    student_of_age: bool = False
    guardian_bars: frozenset[GuardianBar] = frozenset()  # §18.2, each set and lifted alone

    def discussion_requested(self, *, on: date, urgency: Urgency, calendar: SchoolCalendar) -> Case:
        """A §15 discussion requested on ``on``: the clock starts, or an earlier deadline
        than the one running is brought forward; a later one never postpones it. After a
        §15.2 exception a new request is a new contact: its own clock starts."""
        due = discussion_deadline(on, urgency, calendar)
        fresh = self.discussion_due_on is None or self.discussion_exception is not None
        if not fresh:
            due = min(due, self.discussion_due_on or due)
        first = on if fresh else self.discussion_requested_on or on
        return replace(
            self, discussion_due_on=due, discussion_requested_on=first, discussion_exception=None
        )

    # Consents to a disclosure outside the work (§22), apart from taking part (§14).
    disclosure_consents: tuple[DisclosureConsent, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.status is not CaseStatus.CLOSED

    @property
    def unassigned(self) -> bool:
        """Nobody leads the case: it is with the principal until someone is assigned."""
        return self.responsible is None

    @property
    def referral_register(self) -> Register:
        """The county register of the professional the referral is with: its lead's, or
        while nobody leads it, the profession its concerns are routed to."""
        role = self.responsible.role if self.responsible else responsible_role(self.categories)
        return register_of(role) or Register.HEALTH_CARE

    def register_for_next(self, kind: EntryKind, author: StaffMember) -> Register:
        """The register the next entry of this kind, by this author, goes to."""
        return register_for(kind, author.role, self.referral_register, self.record.begun)

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
        case = cls(
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
        self,
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
        if school_id != self.school_id:
            raise ValueError("a concern from another school never joins this school's case")
        if concern_id in self.concern_ids:
            return self
        case = self
        if asks_for_discussion(categories, self.responsible):
            case = self.discussion_requested(on=requested_on, urgency=urgency, calendar=calendar)
        hold = self.guardian_notice_hold
        if guardian_must_not_be_told_yet and hold is None and not self.student_of_age:
            hold = NoticeHold.requested(
                asker.ref(raised_by), raised_by, concern_id, now,
                on=requested_on, ground=guardian_hold_ground, days=hold_days,
            )  # fmt: skip
        return replace(
            case,
            concern_ids=(*self.concern_ids, concern_id),
            categories=tuple(dict.fromkeys((*self.categories, *categories))),
            urgency=Urgency.URGENT if Urgency.URGENT in (self.urgency, urgency) else urgency,
            guardian_may_be_notified=self.guardian_may_be_notified and hold is None,
            guardian_notice_hold=hold,
            raisers=tuple(dict.fromkeys((*self.raisers, *([raised_by] if raised_by else [])))),
            record=self.record.append(
                ConcernLinked(
                    topic=list(categories),
                    concern_id=concern_id,
                    raised_by=raised_by,
                    guardian_hold_requested=guardian_must_not_be_told_yet,
                    requested_by=asker.requested_by,
                    requester_ref=asker.requester_ref,
                ),
                by=author(raised_by, entered_by),
                at=max(now, self.record.entries[-1].at) if self.record.entries else now,
                register=self.register_for_next(
                    EntryKind.CONCERN_LINKED, author(raised_by, entered_by)
                ),
            ),
        )
