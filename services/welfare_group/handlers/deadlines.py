"""The welfare group's clock: timers scheduled with each change of a case, fired when due.

Scheduling happens in the transaction that changes the case, so a timer exists exactly
when the change does. Firing settles the timer and appends its event to the outbox in one
transaction, so an event is published for a timer once, even with several replicas.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from services.welfare_group.adapters.repository import CalendarRepository, CaseRepository
from services.welfare_group.adapters.timers import TimerRepository, TimerState
from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.timers import Timer, TimerKind, still_matters, timers_for
from services.welfare_group.handlers.events import responsible_of
from services.welfare_group.settings import SERVICE
from shared.contracts import (
    DeadlineApproachingData,
    DeadlineApproachingV1,
    DeadlineBreachedData,
    DeadlineBreachedV1,
    EventEnvelope,
    FollowUpDueData,
    FollowUpDueV1,
    utc_now,
)
from shared.logging import get_logger
from shared.storage import Session
from shared.unit_of_work import Transactor, UnitOfWork

__all__ = ["DeadlineClock", "Deadlines", "timer_event"]

log = get_logger(__name__)


@dataclass(frozen=True)
class Deadlines:
    timers: TimerRepository
    calendars: CalendarRepository
    timezone: ZoneInfo

    async def schedule(self, case: Case, session: Session) -> None:
        calendar = await self.calendars.of_school(case.school_id, session)
        await self.schedule_on(case, calendar, session)

    async def schedule_on(self, case: Case, calendar: SchoolCalendar, session: Session) -> None:
        """For a caller that has the school's calendar at hand already."""
        await self.timers.schedule(timers_for(case, calendar, self.timezone), session)


def timer_event(timer: Timer, case: Case, now: datetime) -> EventEnvelope:
    facts: dict[str, Any] = {
        "timer_id": timer.timer_id,
        "case_id": case.case_id,
        "student_ref": case.student_ref,
        "school_id": case.school_id,
        "urgency": case.urgency,
        "responsible": responsible_of(case),
        "due_on": timer.due_on,
        "fired_at": now,
    }
    key = case.student_ref
    if timer.kind is TimerKind.DEADLINE_APPROACHING:
        data = DeadlineApproachingData(**facts)
        return DeadlineApproachingV1.first(producer=SERVICE, partition_key=key, data=data)
    if timer.kind is TimerKind.DEADLINE_BREACHED:
        breached = DeadlineBreachedData(**facts)
        return DeadlineBreachedV1.first(producer=SERVICE, partition_key=key, data=breached)
    reviewed = [m for m in case.measures if m.review_on == timer.due_on]
    due = FollowUpDueData(
        **facts,
        followed_up_by=sorted({m.followed_up_by for m in reviewed}),
        measure_ids=[m.measure_id for m in reviewed],
    )
    return FollowUpDueV1.first(producer=SERVICE, partition_key=key, data=due)


@dataclass
class DeadlineClock:
    timers: TimerRepository
    cases: CaseRepository
    transact: Transactor[UnitOfWork]
    batch: int = 50
    now: Callable[[], datetime] = field(default=utc_now)

    async def fire_due(self) -> bool:
        """Fire one batch of due timers; True when more may be waiting (a pump step)."""
        due = await self.timers.due(self.now(), limit=self.batch)
        for timer in due:
            await self.transact(partial(self._fire, timer))
        return len(due) == self.batch

    async def _fire(self, timer: Timer, unit: UnitOfWork) -> None:
        now = self.now()
        case = await self.cases.get(timer.case_id, unit.transaction)
        matters = case is not None and still_matters(timer, case, now)
        state = TimerState.FIRED if matters else TimerState.SILENCED
        if not await self.timers.settle(timer, state, now, unit.transaction):
            return  # another replica settled it first
        if case is not None and matters:
            unit.emit(timer_event(timer, case, now))
        log.info(
            "timer_settled",
            timer_id=str(timer.timer_id),
            case_id=str(timer.case_id),
            kind=timer.kind.value,
            state=state.value,
        )
