"""The daily digest: one email or SMS a day with a person's routine messages, for those
who chose it. Each message in it is recorded as sent, with the digest's receipt."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from services.notifications.adapters.channels import ChannelAdapter, DeliveryFailed
from services.notifications.adapters.deliveries import PendingDelivery
from services.notifications.domain.messages import render_digest
from services.notifications.domain.recipients import Channel, Language
from services.notifications.domain.sending import withheld_because
from services.notifications.handlers.notify import Notifier
from services.notifications.handlers.outcomes import delivery_sent
from shared.contracts import utc_now
from shared.logging import get_logger
from shared.unit_of_work import Transactor, UnitOfWork

__all__ = ["DigestSender"]

log = get_logger(__name__)


class DigestSender:
    def __init__(
        self,
        *,
        notifier: Notifier,
        channels: Mapping[Channel, ChannelAdapter],
        transact: Transactor,
        retry_after: timedelta = timedelta(minutes=5),
        lease: timedelta = timedelta(minutes=2),
    ) -> None:
        self._notifier = notifier
        self._channels = channels
        self._transact = transact
        self._retry_after = retry_after
        self._lease = lease

    async def send_next(self) -> bool:
        """Send one person's due digest on one channel; True if there was one."""
        deliveries, directory = self._notifier.deliveries, self._notifier.directory
        jobs = await deliveries.claim_digest(utc_now(), self._lease)
        if not jobs:
            return False
        jobs = await self._still_allowed(jobs)
        if not jobs:
            return True
        first = jobs[0]
        contact = await directory.person(first.person_id, first.recipient_kind)
        language = contact.language if contact else Language.FI
        digest = render_digest(language, [j.message for j in jobs])
        try:
            address = await directory.address(first.person_id, first.recipient_kind, first.channel)
            if address is None:
                raise DeliveryFailed("no_address", permanent=True)
            receipt = await self._channels[first.channel].send(
                address, digest, first.notification_id
            )
        except DeliveryFailed as failure:
            # A digest is routine by definition: try again later, and never lose its items.
            later = utc_now() + self._retry_after
            await deliveries.digest_later([j.notification_id for j in jobs], at=later)
            log.warning("digest_retry", person_id=first.person_id, reason=failure.code)
            return True
        await self._transact(lambda unit: self._sent(jobs, receipt, unit))
        log.info("digest_sent", person_id=first.person_id, channel=first.channel, count=len(jobs))
        return True

    async def _still_allowed(self, jobs: list[PendingDelivery]) -> list[PendingDelivery]:
        allowed = []
        for job in jobs:
            state = await self._notifier.case_states.get(job.case_id)
            because = withheld_because(job.recipient_kind, job.reason, state)
            if because is None:
                allowed.append(job)
            else:
                await self._notifier.deliveries.withhold(
                    job.notification_id, at=utc_now(), because=because
                )
        return allowed

    async def _sent(self, jobs: list[PendingDelivery], receipt: str, unit: UnitOfWork) -> None:
        now = utc_now()
        for job in jobs:
            await self._notifier.deliveries.mark_sent(
                job.notification_id,
                at=now,
                receipt={"at": now, "reply": receipt[:200], "digest": True},
                session=unit.session,
            )
            unit.emit(
                delivery_sent(
                    cause=job.cause, notification_id=job.notification_id, case_id=job.case_id,
                    person_id=job.person_id, kind=job.recipient_kind, channel=job.channel,
                    at=now,
                )
            )  # fmt: skip
