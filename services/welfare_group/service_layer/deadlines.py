"""The welfare group's clock: timers scheduled with each change of a case, fired when due.

Scheduling happens in the transaction that changes the case, so a timer exists exactly
when the change does. Firing settles the timer and announces it in one transaction, so a
timer is announced once, even with several replicas racing for it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.timers import (
    Timer,
    TimerKind,
    TimerState,
    still_matters,
    timers_for,
)
from services.welfare_group.service_layer.holds import lapse_hold
from services.welfare_group.service_layer.unit_of_work import WelfareUnit
from services.welfare_group.settings import SERVICE
from shared.contracts import (
    DeadlineApproachingData,
    DeadlineApproachingV1,
    DeadlineBreachedData,
    DeadlineBreachedV1,
    EventEnvelope,
    FollowUpDueData,
    FollowUpDueV1,
    StudentNoticeDueData,
    StudentNoticeDueV1,
    TimerFacts,
)
from shared.logging import get_logger

__all__ = ["fire_timer", "schedule_deadlines", "timer_event"]

log = get_logger(__name__)
HELSINKI = ZoneInfo("Europe/Helsinki")  # the default SCHOOL_TIMEZONE
F = TypeVar("F", bound=TimerFacts)


async def schedule_deadlines(
    case: Case, unit: WelfareUnit, timezone: ZoneInfo, calendar: SchoolCalendar | None = None
) -> None:
    """``calendar`` for a caller that has the school's calendar at hand already."""
    calendar = calendar or await unit.calendars.of_school(case.school_id)
    await unit.timers.schedule(timers_for(case, calendar, timezone))


def _told(model: type[F], timer: Timer, case: Case, now: datetime, **more: object) -> F:
    return model(
        timer_id=timer.timer_id,
        case_id=case.case_id,
        student_ref=case.student_ref,
        school_id=case.school_id,
        urgency=case.urgency,
        responsible=case.responsible,
        due_on=timer.due_on,
        fired_at=now,
        **more,
    )


def timer_event(timer: Timer, case: Case, now: datetime) -> EventEnvelope:
    key = case.student_ref
    if timer.kind is TimerKind.DEADLINE_APPROACHING:
        approaching = _told(DeadlineApproachingData, timer, case, now)
        return DeadlineApproachingV1.first(producer=SERVICE, partition_key=key, data=approaching)
    if timer.kind is TimerKind.DEADLINE_BREACHED:
        breached = _told(DeadlineBreachedData, timer, case, now)
        return DeadlineBreachedV1.first(producer=SERVICE, partition_key=key, data=breached)
    if timer.kind is TimerKind.STUDENT_NOTICE_DUE:
        notice = _told(StudentNoticeDueData, timer, case, now)
        return StudentNoticeDueV1.first(producer=SERVICE, partition_key=key, data=notice)
    reviewed = [m for m in case.measures if m.review_on == timer.due_on]
    due = _told(
        FollowUpDueData,
        timer,
        case,
        now,
        followed_up_by=sorted({m.followed_up_by for m in reviewed}),
        measure_ids=[m.measure_id for m in reviewed],
    )
    return FollowUpDueV1.first(producer=SERVICE, partition_key=key, data=due)


async def fire_timer(
    timer: Timer, unit: WelfareUnit, *, now: datetime, timezone: ZoneInfo = HELSINKI
) -> TimerState | None:
    """Settle one due timer, announcing it if it still matters (a hold's expiry lapses the
    hold); None if another replica settled it first."""
    case = await unit.cases.get(timer.case_id)
    matters = case is not None and still_matters(timer, case, now)
    state = TimerState.FIRED if matters else TimerState.SILENCED
    if not await unit.timers.settle(timer, state, now):
        return None
    if case is not None and matters and timer.kind is TimerKind.GUARDIAN_HOLD_EXPIRES:
        await lapse_hold(case, unit, now=now, timezone=timezone)
    elif case is not None and matters:
        unit.emit(timer_event(timer, case, now))
    log.info(
        "timer_settled",
        timer_id=str(timer.timer_id),
        case_id=str(timer.case_id),
        kind=timer.kind.value,
        state=state.value,
    )
    return state
