"""Every delivery, one record per notification: pending, sent or failed, with attempts.

Pending deliveries are a queue: ``claim_due`` takes the next ones and leases them in one
update that matches only what is still due, so two dispatchers never send the same message,
and a dispatcher that dies mid-send leaves its jobs to be taken again when the lease runs
out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from services.notifications.adapters.delivery_documents import (
    delivery_document,
    pending,
    receipt_document,
    record,
)
from services.notifications.domain.notification import Notification
from services.notifications.domain.records import (
    DeliveryRecord,
    DeliveryStatus,
    PendingDelivery,
    Receipt,
)
from shared.contracts import Cause
from shared.storage import ASCENDING, Index, Session, Store, UpdateOne

__all__ = ["DELIVERIES", "Deliveries"]

DELIVERIES = "deliveries"


class Deliveries:
    def __init__(self, store: Store, session: Session | None = None) -> None:
        self._store = store
        self._deliveries = store.collection(DELIVERIES)
        self._session = session

    async def ensure_indexes(self) -> None:
        await self._store.ensure_indexes(
            DELIVERIES,
            [
                Index([("status", ASCENDING), ("next_attempt_at", ASCENDING)]),
                Index([("case_id", ASCENDING)]),
                Index([("status", ASCENDING), ("failed_at", ASCENDING)]),
            ],
        )

    async def record(
        self, notifications: Sequence[tuple[Notification, bool]], cause: Cause
    ) -> None:
        """All of one plan's deliveries in one write; each with whether it is already sent
        (the inbox) or still to send."""
        if notifications:
            await self._deliveries.insert_many(
                [delivery_document(n, cause, sent=sent) for n, sent in notifications],
                ordered=True,
                session=self._session,
            )

    async def claim_due(
        self, now: datetime, lease: timedelta, *, limit: int
    ) -> list[PendingDelivery]:
        """Up to ``limit`` due deliveries, oldest first, leased together.

        Each is leased by moving its time past ``now`` with this claim's token, in one update
        that matches only what is still due: two dispatchers' claims never overlap.
        """
        due = {"status": "pending", "next_attempt_at": {"$lte": now}}
        found = self._deliveries.find(due, projection={"_id": True}, session=self._session)
        ids = [d["_id"] for d in await found.sort("next_attempt_at", ASCENDING).to_list(limit)]
        return await self._lease({**due, "_id": {"$in": ids}}, now + lease) if ids else []

    async def claim_digest(self, now: datetime, lease: timedelta) -> list[PendingDelivery]:
        """One person's due digest on one channel, leased as a whole.

        Each delivery is leased by moving its time past ``now``, so a second dispatcher's
        claim cannot match it: the claimed sets of two dispatchers never overlap.
        """
        due = {"status": "digest", "next_attempt_at": {"$lte": now}}
        first = await self._deliveries.find_one(
            due, sort=[("next_attempt_at", ASCENDING)], session=self._session
        )
        if first is None:
            return []
        mine = {**due, "person_id": first["person_id"], "channel": first["channel"]}
        return await self._lease(mine, now + lease)

    async def _lease(self, due: dict[str, Any], until: datetime) -> list[PendingDelivery]:
        """Lease what ``due`` matches until ``until``, under a token of this claim's own; the
        leased ones, found again through the (status, next_attempt_at) index."""
        token = str(uuid4())
        leased = {"next_attempt_at": until, "claimed_by": token}
        await self._deliveries.update_many(due, {"$set": leased}, session=self._session)
        claimed = self._deliveries.find({"status": due["status"], **leased}, session=self._session)
        return [pending(d) for d in await claimed.to_list(None)]

    async def digest_later(self, notification_ids: list[UUID], *, at: datetime) -> None:
        await self._deliveries.update_many(
            {"_id": {"$in": [str(i) for i in notification_ids]}},
            {"$set": {"next_attempt_at": at}, "$inc": {"attempts": 1}},
            session=self._session,
        )

    async def mark_sent(self, receipts: Mapping[UUID, Receipt]) -> None:
        """Each delivery sent, with its receipt: all of them in one write."""
        if receipts:
            await self._deliveries.bulk_write(
                [UpdateOne({"_id": str(notification_id)}, {
                    "$set": {"status": "sent", "sent_at": receipt.at, "next_attempt_at": None},
                    "$inc": {"attempts": 1},
                    "$push": {"receipts": receipt_document(receipt)},
                }) for notification_id, receipt in receipts.items()],
                ordered=False,
                session=self._session,
            )  # fmt: skip

    async def retry_later(self, notification_id: UUID, *, at: datetime, reason: str) -> None:
        await self._update(notification_id, {
            "$set": {"next_attempt_at": at, "last_error": reason}, "$inc": {"attempts": 1},
        })  # fmt: skip

    async def mark_failed(self, notification_id: UUID, *, at: datetime, reason: str) -> None:
        await self._update(notification_id, {
            "$set": {"status": "failed", "failed_at": at, "next_attempt_at": None,
                     "last_error": reason},
            "$inc": {"attempts": 1},
        })  # fmt: skip

    async def withhold(self, notification_id: UUID, *, at: datetime, because: str) -> None:
        """Not sent, and never will be: what the case now is forbids it."""
        await self._update(notification_id, {
            "$set": {"status": "withheld", "withheld_at": at, "next_attempt_at": None,
                     "last_error": because},
        })  # fmt: skip

    async def requeue_failed(
        self, notification_id: UUID, *, at: datetime, by: str, why: str | None
    ) -> bool:
        """A failed delivery due again at ``at``, with who asked and why; one update that
        matches only a failed one, so a second retry (or two at once) requeues nothing."""
        done = await self._deliveries.update_one(
            {"_id": str(notification_id), "status": "failed"},
            {
                "$set": {"status": "pending", "next_attempt_at": at},
                "$push": {"retries": {"at": at, "by": by, "why": why}},
            },
            session=self._session,
        )
        return bool(done.modified_count)

    async def status_of(self, notification_id: UUID) -> DeliveryStatus | None:
        found = await self._deliveries.find_one(
            {"_id": str(notification_id)}, projection={"status": True}, session=self._session
        )
        return DeliveryStatus(found["status"]) if found else None

    async def failed(self, *, limit: int = 200) -> list[DeliveryRecord]:
        """Permanent failures, newest first: for the administrator."""
        failed = self._deliveries.find({"status": "failed"}, session=self._session)
        cursor = failed.sort("failed_at", -1).limit(limit)
        return [record(d) for d in await cursor.to_list(limit)]

    async def of_case(self, case_id: UUID) -> list[DeliveryRecord]:
        found = self._deliveries.find({"case_id": str(case_id)}, session=self._session)
        return [record(d) for d in await found.sort("created_at", ASCENDING).to_list(None)]

    async def forget_case(self, case_id: UUID) -> None:
        """The case was erased: nothing of it stays here either."""
        await self._deliveries.delete_many({"case_id": str(case_id)}, session=self._session)

    async def _update(self, notification_id: UUID, change: dict[str, Any]) -> None:
        await self._deliveries.update_one(
            {"_id": str(notification_id)}, change, session=self._session
        )
