"""Sends pending deliveries through their channels, with retries and a recorded outcome."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from services.notifications.adapters.channels import ChannelAdapter, DeliveryFailed
from services.notifications.adapters.deliveries import PendingDelivery
from services.notifications.domain.recipients import Channel
from services.notifications.handlers.delivery import (
    record_sent,
    send_through,
    withhold_if_forbidden,
)
from services.notifications.handlers.notify import Notifier, tell_the_responsible
from services.notifications.handlers.outcomes import delivery_failed
from shared.contracts import utc_now
from shared.logging import get_logger
from shared.unit_of_work import Transactor, UnitOfWork

__all__ = ["Dispatcher"]

log = get_logger(__name__)


class Dispatcher:
    def __init__(
        self,
        *,
        notifier: Notifier,
        channels: Mapping[Channel, ChannelAdapter],
        transact: Transactor[UnitOfWork],
        max_attempts: int,
        backoff_s: float,
        lease: timedelta = timedelta(minutes=2),
        batch_size: int = 20,
    ) -> None:
        self._notifier = notifier
        self._deliveries = notifier.deliveries
        self._channels = channels
        self._transact = transact
        self._max_attempts = max_attempts
        self._backoff_s = backoff_s
        self._lease = lease
        self._batch_size = batch_size

    async def dispatch_next(self) -> bool:
        """Send the due deliveries, a batch at a time; True if the batch was full (so more
        may be waiting). The sent ones are recorded together, in one transaction."""
        jobs = await self._deliveries.claim_due(utc_now(), self._lease, limit=self._batch_size)
        sent: list[tuple[PendingDelivery, str]] = []
        for job in jobs:
            if await withhold_if_forbidden(job, self._notifier):
                continue
            try:
                receipt = await send_through(self._channels, job, job.message, self._notifier)
            except DeliveryFailed as failure:
                await self._failed(job, failure)
            else:
                sent.append((job, receipt))
        if sent:
            await self._sent(sent)
        return len(jobs) == self._batch_size

    async def _sent(self, sent: list[tuple[PendingDelivery, str]]) -> None:
        now = utc_now()

        async def work(unit: UnitOfWork) -> None:
            for job, receipt in sent:
                await record_sent(job, receipt, now, unit, self._notifier)

        await self._transact(work)
        for job, _ in sent:
            log.info("notification_sent", notification_id=str(job.notification_id),
                     channel=job.channel)  # fmt: skip

    async def _failed(self, job: PendingDelivery, failure: DeliveryFailed) -> None:
        attempts = job.attempts + 1
        now = utc_now()
        if not failure.permanent and attempts < self._max_attempts:
            retry_at = now + timedelta(seconds=self._backoff_s * 2 ** (attempts - 1))
            await self._deliveries.retry_later(
                job.notification_id, at=retry_at, reason=failure.code
            )
            log.warning("notification_retry", notification_id=str(job.notification_id),
                        reason=failure.code, attempts=attempts)  # fmt: skip
            return

        async def work(unit: UnitOfWork) -> None:
            await self._deliveries.mark_failed(
                job.notification_id, at=now, reason=failure.code, session=unit.transaction
            )
            unit.emit(
                delivery_failed(
                    cause=job.cause,
                    notification_id=job.notification_id,
                    case_id=job.case_id,
                    person_id=job.person_id,
                    kind=job.recipient_kind,
                    channel=job.channel,
                    attempts=attempts,
                    reason=failure.code,
                    at=now,
                )
            )
            await tell_the_responsible(job, unit, self._notifier)

        await self._transact(work)
        log.error("notification_failed", notification_id=str(job.notification_id),
                  reason=failure.code, attempts=attempts)  # fmt: skip
