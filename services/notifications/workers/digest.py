"""The daily digest: one email or SMS a day with a person's routine messages, for those
who chose it. Each message in it is recorded as sent, with the digest's receipt."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from services.notifications.domain.messages import render_digest
from services.notifications.domain.recipients import Channel, Language
from services.notifications.domain.records import PendingDelivery
from services.notifications.service_layer.channels import DeliveryFailed, Sender
from services.notifications.service_layer.sending import (
    Lookups,
    record_sent,
    send_through,
    withhold_if_forbidden,
)
from services.notifications.service_layer.unit_of_work import NotificationsUnit, Repositories
from shared.contracts import utc_now
from shared.logging import get_logger
from shared.unit_of_work import Transact

__all__ = ["DigestSender"]

log = get_logger(__name__)


class DigestSender:
    def __init__(
        self,
        *,
        records: Repositories,
        senders: Mapping[Channel, Sender],
        transact: Transact[NotificationsUnit],
        retry_after: timedelta = timedelta(minutes=5),
        lease: timedelta = timedelta(minutes=2),
    ) -> None:
        self._records = records
        self._senders = senders
        self._transact = transact
        self._retry_after = retry_after
        self._lease = lease

    async def send_next(self) -> bool:
        """Send one person's due digest on one channel; True if there was one."""
        deliveries, directory = self._records.deliveries, self._records.directory
        claimed = await deliveries.claim_digest(utc_now(), self._lease)
        if not claimed:
            return False
        lookups = await Lookups.of(claimed, self._records)
        jobs = [j for j in claimed if not await withhold_if_forbidden(j, lookups, self._records)]
        if not jobs:
            return True
        first = jobs[0]
        contact = await directory.person(first.person_id, first.recipient_kind)
        language = contact.language if contact else Language.FI
        digest = render_digest(language, [j.message for j in jobs])
        try:
            reply = await send_through(self._senders, first, digest, lookups)
        except DeliveryFailed as failure:
            # A digest is routine by definition: try again later, and never lose its items.
            later = utc_now() + self._retry_after
            await deliveries.digest_later([j.notification_id for j in jobs], at=later)
            log.warning("digest_retry", person_id=first.person_id, reason=failure.code)
            return True
        await self._transact(lambda unit: self._sent(jobs, reply, unit))
        log.info("digest_sent", person_id=first.person_id, channel=first.channel, count=len(jobs))
        return True

    async def _sent(self, jobs: list[PendingDelivery], reply: str, unit: NotificationsUnit) -> None:
        await record_sent([(job, reply) for job in jobs], unit, at=utc_now(), digest=True)
