"""When the welfare group's clock speaks, and whether what it would say still matters.

Five kinds of timer: the §15 discussion deadline, while one runs, draws near (the school
morning before it), it passed (the school morning after it, when the principal can act on
it; for an urgent case the working mornings, breaks included), a follow-up review is due
(the school morning of the review), the §16.2 notice to the student is due and not done
(the morning of its day), and a guardian-notice hold expires (the morning of its expiry
day, school day or not: §16.3). Timers are computed from the case whenever it changes and
fired later; at fire time ``still_matters`` looks at the case as it is then, so a
discussion offered, a §15.2 exception or a case closed silences them without bookkeeping.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from uuid import NAMESPACE_URL, UUID, uuid5
from zoneinfo import ZoneInfo

from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.case import Case
from shared.contracts import Urgency

__all__ = ["SCHOOL_MORNING", "Timer", "TimerKind", "TimerState", "still_matters", "timers_for"]

SCHOOL_MORNING = time(8, 0)
_NAMESPACE = uuid5(NAMESPACE_URL, "urn:opiskeluhuolto:timer")


class TimerKind(StrEnum):
    DEADLINE_APPROACHING = "deadline.approaching"
    DEADLINE_BREACHED = "deadline.breached"
    FOLLOW_UP_DUE = "follow_up.due"
    STUDENT_NOTICE_DUE = "student_notice.due"  # §16.2: the morning of its day, if not done
    GUARDIAN_HOLD_EXPIRES = "guardian_hold.expires"  # §16.3: a hold nobody kept lapses


class TimerState(StrEnum):
    PENDING = "pending"
    FIRED = "fired"
    SILENCED = "silenced"  # fell due when it no longer mattered: nothing was said


@dataclass(frozen=True)
class Timer:
    case_id: UUID
    kind: TimerKind
    due_on: date
    fire_at: datetime
    stale_at: datetime | None = None  # past this moment, firing late would only mislead

    @property
    def timer_id(self) -> UUID:
        """One timer per case, kind and date: scheduling the same timer twice is a no-op."""
        return uuid5(_NAMESPACE, f"{self.case_id}:{self.kind}:{self.due_on.isoformat()}")


def _morning(day: date, timezone: ZoneInfo) -> datetime:
    return datetime.combine(day, SCHOOL_MORNING, tzinfo=timezone)


def timers_for(case: Case, calendar: SchoolCalendar, timezone: ZoneInfo) -> list[Timer]:
    if not case.is_open:
        return []
    timers: list[Timer] = []
    due = case.discussion_due_on
    # Timed only on a §15 request, until offered or a §15.2 exception stops the clock.
    if due is not None and case.discussion_offered_on is None and not case.discussion_exception:
        # The urgent limit is counted in working days, so it speaks on them too (§15).
        urgent = case.urgency is Urgency.URGENT
        after = calendar.working_day_after(due) if urgent else calendar.school_day_after(due, 1)
        before = calendar.working_day_before(due) if urgent else calendar.school_day_before(due)
        breached_at, approaching_at = _morning(after, timezone), _morning(before, timezone)
        # An urgent case is due at once: its opening notice already said so.
        if approaching_at > case.opened_at:
            timers.append(
                Timer(
                    case.case_id, TimerKind.DEADLINE_APPROACHING, due, approaching_at, breached_at
                )
            )
        timers.append(Timer(case.case_id, TimerKind.DEADLINE_BREACHED, due, breached_at))
    notice = case.student_notice
    if notice is not None and notice.pending:
        fire_at = _morning(notice.due_on, timezone)
        timers.append(Timer(case.case_id, TimerKind.STUDENT_NOTICE_DUE, notice.due_on, fire_at))
    hold = case.guardian_notice_hold
    if hold is not None and hold.expires_on is not None:
        expires_at = _morning(hold.expires_on, timezone)
        timers.append(
            Timer(case.case_id, TimerKind.GUARDIAN_HOLD_EXPIRES, hold.expires_on, expires_at)
        )
    for review_on in sorted({m.review_on for m in case.measures}):
        fire_at = _morning(calendar.first_school_day_from(review_on), timezone)
        timers.append(Timer(case.case_id, TimerKind.FOLLOW_UP_DUE, review_on, fire_at))
    return timers


def still_matters(timer: Timer, case: Case | None, now: datetime) -> bool:
    if case is None or not case.is_open:
        return False
    if timer.stale_at is not None and now >= timer.stale_at:
        return False
    if timer.kind is TimerKind.FOLLOW_UP_DUE:
        return any(m.review_on == timer.due_on for m in case.measures)
    if timer.kind is TimerKind.STUDENT_NOTICE_DUE:
        notice = case.student_notice
        return notice is not None and notice.pending and notice.due_on == timer.due_on
    if timer.kind is TimerKind.GUARDIAN_HOLD_EXPIRES:  # kept since: a later expiry holds
        hold = case.guardian_notice_hold
        return hold is not None and hold.expires_on == timer.due_on
    # A further urgent concern may have moved the deadline: the old date's timers fall silent.
    if case.discussion_due_on != timer.due_on or case.discussion_exception is not None:
        return False
    offered = case.discussion_offered_on
    if timer.kind is TimerKind.DEADLINE_APPROACHING:
        return offered is None
    return offered is None or offered > timer.due_on
