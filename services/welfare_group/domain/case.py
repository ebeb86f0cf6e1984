"""The individual welfare case (yksilökohtainen opiskeluhuolto): its state, as the steps
of ``lifecycle`` and the concerns taken up (``case_intake``) change it.

One student has at most one open case at a school: the welfare record is one chronology
per student (§20). The §15 clock (``clock``) runs only while a psychologist's or
kuraattori's discussion is requested; a raiser's guardian-notice hold (``notice_hold``)
and a minor's §18.2 bars (``guardian_bars``) decide what a guardian is told and shown; a
student of age has no guardian in these matters at all (§18).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.clock import (
    StudentNotice,
    discussion_deadline,
)
from services.welfare_group.domain.consent import Consent
from services.welfare_group.domain.disclosure import DisclosureConsent
from services.welfare_group.domain.group import ExpertGroup, Measure, Meeting
from services.welfare_group.domain.guardian_bars import GuardianBar
from services.welfare_group.domain.notice_hold import NoticeHold
from services.welfare_group.domain.record import Record
from services.welfare_group.domain.record_content import (
    DiscussionException,
)
from services.welfare_group.domain.registers import Register, register_for, register_of
from services.welfare_group.domain.routing import responsible_role
from shared.contracts import (
    ConcernCategory,
    EntryKind,
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
