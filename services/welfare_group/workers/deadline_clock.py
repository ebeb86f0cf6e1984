"""The pump that fires due timers, one transaction per timer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from zoneinfo import ZoneInfo

from services.welfare_group.service_layer.deadlines import fire_timer
from services.welfare_group.service_layer.unit_of_work import Timers, WelfareTransact
from shared.contracts import utc_now

__all__ = ["DeadlineClock"]


@dataclass
class DeadlineClock:
    timers: Timers  # for finding what is due, outside any transaction
    transact: WelfareTransact
    batch: int = 50
    now: Callable[[], datetime] = field(default=utc_now)
    timezone: ZoneInfo = field(default=ZoneInfo("Europe/Helsinki"))

    async def fire_due(self) -> bool:
        """Fire one batch of due timers; True when more may be waiting (a pump step)."""
        due = await self.timers.due(self.now(), limit=self.batch)
        for timer in due:
            await self.transact(partial(fire_timer, timer, now=self.now(), timezone=self.timezone))
        return len(due) == self.batch
