"""A person's inbox: their own notifications, and acknowledging one of them.

Whose inbox is always the signed-in person's (``person_id`` from the session, never from a
form): the notifications service checks the token names the same person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from services.web.service_layer.api import Api, Service

__all__ = ["InboxItem", "mark_read", "read_inbox"]


@dataclass(frozen=True)
class InboxItem:
    notification_id: UUID
    case_id: UUID
    subject: str
    body: str
    urgent: bool
    created_at: datetime
    read_at: datetime | None

    @property
    def unread(self) -> bool:
        return self.read_at is None

    @property
    def case_path(self) -> str:
        return f"/cases/{self.case_id}"

    @classmethod
    def of(cls, item: dict[str, Any]) -> InboxItem:
        read_at = item.get("read_at")
        return cls(
            notification_id=UUID(str(item["notification_id"])),
            case_id=UUID(str(item["case_id"])),
            subject=str(item.get("subject", "")),
            body=str(item.get("body", "")),
            urgent=bool(item.get("urgent")),
            created_at=datetime.fromisoformat(str(item["created_at"])),
            read_at=datetime.fromisoformat(str(read_at)) if read_at else None,
        )


def _inbox(person_id: str) -> str:
    return f"/people/{person_id}/inbox"


async def read_inbox(api: Api, person_id: str, *, unread_only: bool = False) -> list[InboxItem]:
    """Newest first, as the service keeps them."""
    params = {"unread": "true"} if unread_only else None
    answer = await api.get(Service.NOTIFICATIONS, _inbox(person_id), params=params)
    return [InboxItem.of(item) for item in answer or ()]


async def mark_read(api: Api, person_id: str, notification_id: UUID) -> None:
    await api.post(Service.NOTIFICATIONS, f"{_inbox(person_id)}/{notification_id}/read")
