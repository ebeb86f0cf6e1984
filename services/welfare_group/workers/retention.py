"""The pump that erases cases kept past their retention, one transaction per case."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial

from services.welfare_group.service_layer.retention import purge_case
from services.welfare_group.service_layer.unit_of_work import Cases, WelfareTransact
from shared.contracts import utc_now

__all__ = ["Retention"]


@dataclass
class Retention:
    cases: Cases  # for finding what expired, outside any transaction
    transact: WelfareTransact
    keep_closed: timedelta
    batch: int = 50
    now: Callable[[], datetime] = field(default=utc_now)

    async def purge_expired(self) -> bool:
        """Erase one batch of cases closed longer ago than kept; True if more may wait."""
        expired = await self.cases.closed_before(self.now() - self.keep_closed, self.batch)
        for case_id in expired:
            await self.transact(partial(purge_case, case_id, now=self.now()))
        return len(expired) == self.batch
