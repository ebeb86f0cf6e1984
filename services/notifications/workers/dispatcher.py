"""Sends pending deliveries through their channels, with retries and a recorded outcome.

Claiming, withholding and retrying are single atomic writes outside any transaction; the
sending itself is never inside one (a transaction retried must not send twice). What was
sent, and a failure for good with what it causes, are each recorded in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from services.notifications.domain.recipients import Channel
from services.notifications.domain.records import PendingDelivery
from services.notifications.service_layer.channels import DeliveryFailed, Sender
from services.notifications.service_layer.sending import (
    Lookups,
    record_failure,
    record_sent,
    send_through,
    withhold_if_forbidden,
)
from services.notifications.service_layer.telling import Planning
from services.notifications.service_layer.unit_of_work import NotificationsUnit, Repositories
from shared.contracts import utc_now
from shared.logging import get_logger
from shared.tracing import continued
from shared.unit_of_work import Transact

__all__ = ["Dispatcher"]

log = get_logger(__name__)


class Dispatcher:
    def __init__(
        self,
        *,
        records: Repositories,
        senders: Mapping[Channel, Sender],
        transact: Transact[NotificationsUnit],
        planning: Planning,
        max_attempts: int,
        backoff_s: float,
        lease: timedelta = timedelta(minutes=2),
        batch_size: int = 20,
    ) -> None:
        self._records = records
        self._senders = senders
        self._transact = transact
        self._planning = planning
        self._max_attempts = max_attempts
        self._backoff_s = backoff_s
        self._lease = lease
        self._batch_size = batch_size

    async def dispatch_next(self) -> bool:
        """Send the due deliveries, a batch at a time; True if the batch was full (so more
        may be waiting). The sent ones are recorded together, in one transaction for each trace."""
        deliveries = self._records.deliveries
        jobs = await deliveries.claim_due(utc_now(), self._lease, limit=self._batch_size)
        if not jobs:
            return False
        lookups = await Lookups.of(jobs, self._records)
        sent: dict[str, list[tuple[PendingDelivery, str]]] = {}
        for job in jobs:
            with continued(job.trace, f"deliver {job.channel}"):
                if await withhold_if_forbidden(job, lookups, self._records):
                    continue
                try:
                    reply = await send_through(self._senders, job, job.message, lookups)
                except DeliveryFailed as failure:
                    await self._failed(job, failure)
                else:
                    sent.setdefault(job.trace.get("traceparent", ""), []).append((job, reply))
        # One transaction per trace (usually one: a concern's deliveries fall due together),
        # so what announces them goes on in the trace that planned them.
        for together in sent.values():
            with continued(together[0][0].trace):
                await self._sent(together)
        return len(jobs) == self._batch_size

    async def _sent(self, sent: list[tuple[PendingDelivery, str]]) -> None:
        now = utc_now()

        await self._transact(lambda unit: record_sent(sent, unit, at=now))
        for job, _ in sent:
            log.info("notification_sent", notification_id=str(job.notification_id),
                     channel=job.channel)  # fmt: skip

    async def _failed(self, job: PendingDelivery, failure: DeliveryFailed) -> None:
        attempts = job.attempts + 1
        if not failure.permanent and attempts < self._max_attempts:
            # Exponential backoff: a busy server gets more room with each attempt.
            delay = timedelta(seconds=self._backoff_s * 2 ** (attempts - 1))
            await self._records.deliveries.retry_later(
                job.notification_id, at=utc_now() + delay, reason=failure.code
            )
            log.warning("notification_retry", notification_id=str(job.notification_id),
                        reason=failure.code, attempts=attempts)  # fmt: skip
            return
        await self._transact(
            lambda unit: record_failure(
                job, failure, attempts=attempts, unit=unit, planning=self._planning
            )
        )
        log.error("notification_failed", notification_id=str(job.notification_id),
                  reason=failure.code, attempts=attempts)  # fmt: skip
