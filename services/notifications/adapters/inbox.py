"""The in-app inbox: each person's notifications, newest first."""

from __future__ import annotations

from typing import Any

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

    async def put(self, notification: Notification, session: Session) -> None:
        await self._items.insert_one(
            {
                "_id": str(notification.notification_id),
                "person_id": notification.recipient.contact.person_id,
                "case_id": str(notification.case_id),
                "subject": notification.message.subject,
                "body": notification.message.body,
                "urgent": notification.urgent,
                "created_at": notification.created_at,
                "read_at": None,
            },
            session=session,
        )

    async def of_person(self, person_id: str, *, limit: int = 100) -> list[dict[str, Any]]:
        cursor = (
            self._items.find({"person_id": person_id}).sort("created_at", DESCENDING).limit(limit)
        )
        return list(await cursor.to_list(limit))
