"""Retention: a closed case is kept as long as the records plan says, then erased for good.

Erasing is crypto-shredding first (the case's data key goes, so every sealed copy of its
record is unreadable, backups included), then its documents and timers, all in one
transaction with the ``case.purged`` event that tells the other services to forget theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from uuid import UUID

from services.welfare_group.adapters.repository import CaseRepository
from services.welfare_group.adapters.timers import TimerRepository
from services.welfare_group.settings import SERVICE
from shared.contracts import CasePurgedData, CasePurgedV1, utc_now
from shared.logging import get_logger
from shared.unit_of_work import Transactor, UnitOfWork

__all__ = ["Retention"]

log = get_logger(__name__)


@dataclass
class Retention:
    cases: CaseRepository
    timers: TimerRepository
    transact: Transactor[UnitOfWork]
    keep_closed: timedelta
    batch: int = 50
    now: Callable[[], datetime] = field(default=utc_now)

    async def purge_expired(self) -> bool:
        """Erase one batch of cases closed longer ago than kept; True if more may wait."""
        expired = await self.cases.closed_before(self.now() - self.keep_closed, self.batch)
        for case_id in expired:
            await self.transact(partial(self._purge, case_id))
        return len(expired) == self.batch

    async def _purge(self, case_id: UUID, unit: UnitOfWork) -> None:
        case = await self.cases.get(case_id, unit.transaction, with_record=False)
        if case is None or case.closed_at is None:
            return  # another replica erased it first
        await self.cases.erase(case_id, unit.transaction)
        await self.timers.forget(case_id, unit.transaction)
        purged = CasePurgedData(
            case_id=case_id,
            concern_ids=list(case.concern_ids),
            retention="closed_case",
            closed_at=case.closed_at,
            purged_at=self.now(),
        )
        unit.emit(CasePurgedV1.first(producer=SERVICE, partition_key=case.student_ref, data=purged))
        log.info("case_purged", case_id=str(case_id), retention="closed_case")
