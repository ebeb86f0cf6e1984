"""A failed delivery sent again, at the administrator's word (the address was corrected, the
mail server is back): it joins the dispatcher's queue as due now, and the retry is kept in
the delivery with who asked and why.

Idempotent: only a failed delivery is requeued, in one update that matches only a failed
one, so retrying twice (or two administrators at once) sends it once. The attempts are not
reset: the count stays true, and a retried delivery that fails again fails for good.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from services.notifications.domain.records import DeliveryStatus
from services.notifications.service_layer.unit_of_work import Repositories
from shared.contracts import utc_now
from shared.logging import get_logger

__all__ = ["NoSuchDelivery", "Retried", "retry_failed"]

log = get_logger(__name__)


class NoSuchDelivery(Exception):
    pass


@dataclass(frozen=True)
class Retried:
    notification_id: UUID
    requeued: bool  # False: it was not failed (already retried, sent, withheld...)
    status: DeliveryStatus


async def retry_failed(
    notification_id: UUID, records: Repositories, *, by: str, why: str | None
) -> Retried:
    deliveries = records.deliveries
    if await deliveries.requeue_failed(notification_id, at=utc_now(), by=by, why=why):
        log.info("delivery_retried", notification_id=str(notification_id))
        return Retried(notification_id, True, DeliveryStatus.PENDING)
    status = await deliveries.status_of(notification_id)
    if status is None:
        raise NoSuchDelivery(str(notification_id))
    return Retried(notification_id, False, status)
