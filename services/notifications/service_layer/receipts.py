"""What became of the deliveries: a case's, with their receipts, and the failed ones for the
administrator to follow up. Identifiers and outcomes only, never an address."""

from __future__ import annotations

from uuid import UUID

from services.notifications.domain.records import DeliveryRecord
from services.notifications.service_layer.unit_of_work import Repositories

__all__ = ["case_deliveries", "failed_deliveries"]


async def failed_deliveries(records: Repositories, *, limit: int = 100) -> list[DeliveryRecord]:
    """Deliveries that failed for good, newest first."""
    return await records.deliveries.failed(limit=limit)


async def case_deliveries(case_id: UUID, records: Repositories) -> list[DeliveryRecord]:
    """Every delivery planned for the case, oldest first, with its outcome."""
    return await records.deliveries.of_case(case_id)
