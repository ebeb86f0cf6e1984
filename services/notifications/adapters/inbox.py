"""The in-app inbox: each person's notifications, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from services.notifications.domain.messages import Message
from services.notifications.domain.notification import Notification
from services.notifications.domain.records import InboxEntry
from shared.storage import DESCENDING, Index, Session, Store

__all__ = ["INBOX", "Inbox"]

INBOX = "inbox"


class Inbox:
    def __init__(self, store: Store, session: Session | None = None) -> None:
        self._store = store
        self._items = store.collection(INBOX)
        self._session = session

    async def ensure_indexes(self) -> None:
        await self._store.ensure_indexes(
            INBOX, [Index([("person_id", DESCENDING), ("created_at", DESCENDING)])]
        )

    async def put(self, notifications: Sequence[Notification]) -> None:
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
            session=self._session,
        )

    async def of_person(
        self, person_id: str, *, unread_only: bool = False, limit: int = 100
    ) -> list[InboxEntry]:
        query: dict[str, Any] = {"person_id": person_id}
        if unread_only:
            query["read_at"] = None
        found = self._items.find(query, session=self._session)
        cursor = found.sort("created_at", DESCENDING).limit(limit)
        return [_entry(d) for d in await cursor.to_list(limit)]

    async def mark_read(self, person_id: str, notification_id: UUID, at: datetime) -> bool:
        """Only the person's own item, and only the first reading counts."""
        found = await self._items.find_one_and_update(
            {"_id": str(notification_id), "person_id": person_id},
            [{"$set": {"read_at": {"$ifNull": ["$read_at", at]}}}],
            session=self._session,
        )
        return found is not None

    async def forget_case(self, case_id: UUID) -> None:
        """The case was erased: nothing of it stays here either."""
        await self._items.delete_many({"case_id": str(case_id)}, session=self._session)


def _entry(document: dict[str, Any]) -> InboxEntry:
    return InboxEntry(
        notification_id=UUID(document["_id"]),
        person_id=document["person_id"],
        case_id=UUID(document["case_id"]),
        message=Message(document["subject"], document["body"]),
        urgent=document["urgent"],
        created_at=document["created_at"],
        read_at=document.get("read_at"),
    )
