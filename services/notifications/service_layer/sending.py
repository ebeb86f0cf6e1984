"""What sending deliveries takes, whether each goes alone (the dispatcher) or in a digest.

The send-time rule is applied again here, against the case as it is now, and the address
is looked up now: both read once for a batch (``Lookups``), just before its sending. The
outcome is recorded and announced in one transaction with what it causes (a failure for
good tells the case's responsible person, in the app).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from uuid import UUID

from services.notifications.domain.messages import Message, MessageKind
from services.notifications.domain.recipients import Addressee, Channel, Reason, Recipient
from services.notifications.domain.records import PendingDelivery, Receipt
from services.notifications.domain.sending import CaseState, withheld_because
from services.notifications.service_layer.channels import DeliveryFailed, Sender
from services.notifications.service_layer.outcomes import delivery_failed, delivery_sent
from services.notifications.service_layer.telling import Planning, tell
from services.notifications.service_layer.unit_of_work import NotificationsUnit, Repositories
from shared.contracts import utc_now
from shared.logging import get_logger

__all__ = ["Lookups", "record_failure", "record_sent", "send_through", "withhold_if_forbidden"]

log = get_logger(__name__)


@dataclass(frozen=True)
class Lookups:
    """What sending a batch of deliveries reads, read once for the whole batch: each case as
    it is now (for the send-time rule) and each address."""

    states: Mapping[UUID, CaseState]
    addresses: Mapping[Addressee, str]

    @classmethod
    async def of(cls, jobs: Sequence[PendingDelivery], records: Repositories) -> Lookups:
        states = await records.case_states.of_cases({job.case_id for job in jobs})
        wanted = {(job.person_id, job.recipient_kind, job.channel) for job in jobs}
        return cls(states, await records.directory.addresses(wanted))

    def address(self, job: PendingDelivery) -> str | None:
        return self.addresses.get((job.person_id, job.recipient_kind, job.channel))


async def withhold_if_forbidden(
    job: PendingDelivery, lookups: Lookups, records: Repositories
) -> bool:
    """Apply the send-time rule against the case as it is now; True if the job was withheld."""
    state = lookups.states.get(job.case_id)
    because = withheld_because(job.recipient_kind, job.reason, state)
    if because is None:
        return False
    await records.deliveries.withhold(job.notification_id, at=utc_now(), because=because)
    log.info("notification_withheld", notification_id=str(job.notification_id), reason=because)
    return True


async def send_through(
    senders: Mapping[Channel, Sender], job: PendingDelivery, message: Message, lookups: Lookups
) -> str:
    """Send to the address looked up now (never copied into a delivery); the channel's receipt."""
    address = lookups.address(job)
    if address is None:
        raise DeliveryFailed("no_address", permanent=True)
    return await senders[job.channel].send(address, message, job.notification_id)


async def record_sent(
    sent: Sequence[tuple[PendingDelivery, str]],
    unit: NotificationsUnit,
    *,
    at: datetime,
    digest: bool = False,
) -> None:
    """Sent at ``at``, each with the channel's reply kept (short) as its receipt, in one
    write; and each announced."""
    receipts = {j.notification_id: Receipt(at=at, reply=r[:200], digest=digest) for j, r in sent}
    await unit.deliveries.mark_sent(receipts)
    for job, _ in sent:
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
