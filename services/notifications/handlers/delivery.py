"""What sending one delivery takes, whether it goes alone (dispatcher) or in a digest."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from services.notifications.adapters.channels import ChannelAdapter, DeliveryFailed
from services.notifications.adapters.deliveries import PendingDelivery
from services.notifications.domain.messages import Message
from services.notifications.domain.recipients import Channel
from services.notifications.domain.sending import withheld_because
from services.notifications.handlers.notify import Notifier
from services.notifications.handlers.outcomes import delivery_sent
from shared.contracts import utc_now
from shared.logging import get_logger
from shared.unit_of_work import UnitOfWork

__all__ = ["record_sent", "send_through", "withhold_if_forbidden"]

log = get_logger(__name__)


async def withhold_if_forbidden(job: PendingDelivery, deps: Notifier) -> bool:
    """Apply the send-time rule against the case as it is now; True if the job was withheld."""
    state = await deps.case_states.get(job.case_id)
    because = withheld_because(job.recipient_kind, job.reason, state)
    if because is None:
        return False
    await deps.deliveries.withhold(job.notification_id, at=utc_now(), because=because)
    log.info("notification_withheld", notification_id=str(job.notification_id), reason=because)
    return True


async def send_through(
    channels: Mapping[Channel, ChannelAdapter],
    job: PendingDelivery,
    message: Message,
    deps: Notifier,
) -> str:
    """Look the address up now (never copied into a delivery) and send; the channel's receipt."""
    address = await deps.directory.address(job.person_id, job.recipient_kind, job.channel)
    if address is None:
        raise DeliveryFailed("no_address", permanent=True)
    return await channels[job.channel].send(address, message, job.notification_id)


async def record_sent(
    job: PendingDelivery, receipt: str, at: datetime, unit: UnitOfWork, deps: Notifier,
    *, digest: bool = False,
) -> None:  # fmt: skip
    reply = {"at": at, "reply": receipt[:200], **({"digest": True} if digest else {})}
    await deps.deliveries.mark_sent(
        job.notification_id, at=at, receipt=reply, session=unit.transaction
    )
    unit.emit(
        delivery_sent(
            cause=job.cause, notification_id=job.notification_id, case_id=job.case_id,
            person_id=job.person_id, kind=job.recipient_kind, channel=job.channel, at=at,
        )
    )  # fmt: skip
