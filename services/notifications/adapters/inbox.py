"""The in-app inbox: each person's notifications, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from services.notifications.domain.notification import Notification
from shared.storage import DESCENDING, Index, Session, Store

__all__ = ["INBOX", "Inbox"]

INBOX = "inbox"


class Inbox:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._items = store.collection(INBOX)

    async def ensure_indexes(self) -> None:
        await self._store.ensure_indexes(
            INBOX, [Index([("person_id", DESCENDING), ("created_at", DESCENDING)])]
        )

    async def put(self, notifications: Sequence[Notification], session: Session) -> None:
        """All of one plan's inbox items in one write."""
        if not notifications:
            return
        await self._items.insert_many(
            [
                {
                    "_id": str(notification.notification_id),
                    "person_id": notification.recipient.contact.person_id,
                    "case_id": str(notification.case_id),
                    "subject": notification.message.subject,
                    "body": notification.message.body,
                    "urgent": notification.urgent,
                    "created_at": notification.created_at,
                    "read_at": None,
                }
                for notification in notifications
            ],
            ordered=True,
            session=session,
        )

    async def of_person(
        self, person_id: str, *, unread_only: bool = False, limit: int = 100
    ) -> list[dict[str, Any]]:
        query: dict[str, Any] = {"person_id": person_id}
        if unread_only:
            query["read_at"] = None
        cursor = self._items.find(query).sort("created_at", DESCENDING).limit(limit)
        return list(await cursor.to_list(limit))

    async def mark_read(self, person_id: str, notification_id: str, at: datetime) -> bool:
        """Only the person's own item, and only the first reading counts."""
        found = await self._items.find_one_and_update(
            {"_id": notification_id, "person_id": person_id},
            [{"$set": {"read_at": {"$ifNull": ["$read_at", at]}}}],
        )
        return found is not None

    async def forget_case(self, case_id: UUID, session: Session) -> None:
        """The case was erased: nothing of it stays here either."""
        await self._items.delete_many({"case_id": str(case_id)}, session=session)
