"""What sending one delivery takes, whether it goes alone (the dispatcher) or in a digest.

The send-time rule is applied again here, against the case as it is now; the address is
looked up now; the outcome is recorded and announced in one transaction with what it
causes (a failure for good tells the case's responsible person, in the app).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from services.notifications.domain.messages import Message, MessageKind
from services.notifications.domain.recipients import Channel, Reason, Recipient
from services.notifications.domain.records import PendingDelivery, Receipt
from services.notifications.domain.sending import withheld_because
from services.notifications.service_layer.channels import DeliveryFailed, Sender
from services.notifications.service_layer.outcomes import delivery_failed, delivery_sent
from services.notifications.service_layer.telling import Planning, tell
from services.notifications.service_layer.unit_of_work import (
    DirectoryRepository,
    NotificationsUnit,
    Repositories,
)
from shared.contracts import utc_now
from shared.logging import get_logger

__all__ = ["record_failure", "record_sent", "send_through", "withhold_if_forbidden"]

log = get_logger(__name__)


async def withhold_if_forbidden(job: PendingDelivery, records: Repositories) -> bool:
    """Apply the send-time rule against the case as it is now; True if the job was withheld."""
    state = await records.case_states.get(job.case_id)
    because = withheld_because(job.recipient_kind, job.reason, state)
    if because is None:
        return False
    await records.deliveries.withhold(job.notification_id, at=utc_now(), because=because)
    log.info("notification_withheld", notification_id=str(job.notification_id), reason=because)
    return True


async def send_through(
    senders: Mapping[Channel, Sender],
    job: PendingDelivery,
    message: Message,
    directory: DirectoryRepository,
) -> str:
    """Look the address up now (never copied into a delivery) and send; the channel's receipt."""
    address = await directory.address(job.person_id, job.recipient_kind, job.channel)
    if address is None:
        raise DeliveryFailed("no_address", permanent=True)
    return await senders[job.channel].send(address, message, job.notification_id)


async def record_sent(
    job: PendingDelivery, reply: str, unit: NotificationsUnit, *, at: datetime, digest: bool = False
) -> None:
    """Sent at ``at``; the channel's reply kept (short) as its receipt, and announced."""
    receipt = Receipt(at=at, reply=reply[:200], digest=digest)
    await unit.deliveries.mark_sent(job.notification_id, receipt=receipt)
    unit.emit(
        delivery_sent(
            cause=job.cause, notification_id=job.notification_id, case_id=job.case_id,
            person_id=job.person_id, kind=job.recipient_kind, channel=job.channel,
            at=at, school_id=job.school_id,
        )
    )  # fmt: skip


async def record_failure(
    job: PendingDelivery,
    failure: DeliveryFailed,
    *,
    attempts: int,
    unit: NotificationsUnit,
    planning: Planning,
) -> None:
    """The delivery failed for good: recorded, announced, and its case's lead told."""
    now = utc_now()
    await unit.deliveries.mark_failed(job.notification_id, at=now, reason=failure.code)
    unit.emit(
        delivery_failed(
            cause=job.cause, notification_id=job.notification_id, case_id=job.case_id,
            person_id=job.person_id, kind=job.recipient_kind, channel=job.channel,
            attempts=attempts, reason=failure.code, at=now, school_id=job.school_id,
        )
    )  # fmt: skip
    await _tell_the_responsible(job, unit, planning)


async def _tell_the_responsible(
    job: PendingDelivery, unit: NotificationsUnit, planning: Planning
) -> None:
    """Someone else's message failed for good: the responsible person hears of it in the
    app, to check the address (their own failed message they cannot fix)."""
    state = await unit.case_states.get(job.case_id)
    if state is None or state.responsible_id in (None, job.person_id):
        return
    contact = await unit.directory.staff_member(state.responsible_id)
    if contact is None:
        return
    notice = Recipient(replace(contact, channels=(Channel.INBOX,)), Reason.RESPONSIBLE)
    await tell(
        job.cause, MessageKind.DELIVERY_FAILED, [notice], unit, planning,
        case_id=job.case_id, school_id=job.school_id,
        due_on=None, urgent=False, plan_id=job.notification_id,
    )  # fmt: skip
