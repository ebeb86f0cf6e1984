"""Retention: a case closed longer ago than it is kept is erased, key first, and its
erasure announced so that the other services forget what they hold of it."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from services.welfare_group.service_layer.unit_of_work import WelfareUnit
from services.welfare_group.settings import SERVICE
from shared.contracts import CasePurgedData, CasePurgedV1
from shared.logging import get_logger

__all__ = ["purge_case"]

log = get_logger(__name__)


async def purge_case(case_id: UUID, unit: WelfareUnit, *, now: datetime) -> bool:
    """Erase one expired case; False if it is gone already (another replica erased it)."""
    case = await unit.cases.get(case_id, with_record=False)
    if case is None or case.closed_at is None:
        return False
    await unit.cases.erase(case_id)
    await unit.timers.forget(case_id)
    purged = CasePurgedData(
        case_id=case_id,
        concern_ids=list(case.concern_ids),
        retention="closed_case",
        closed_at=case.closed_at,
        purged_at=now,
    )
    unit.emit(CasePurgedV1.first(producer=SERVICE, partition_key=case.student_ref, data=purged))
    log.info("case_purged", case_id=str(case_id), retention="closed_case")
    return True
