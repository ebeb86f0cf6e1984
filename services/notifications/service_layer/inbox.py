"""A person's in-app inbox: reading it, and marking one of their own notifications read.

Each is one atomic operation on the inbox, so neither needs a transaction: they take the
repositories outside one (a unit of work would do as well).
"""

from __future__ import annotations

from uuid import UUID

from services.notifications.domain.records import InboxEntry
from services.notifications.service_layer.unit_of_work import Repositories
from shared.contracts import utc_now

__all__ = ["NotInTheInbox", "mark_read", "read_inbox"]


class NotInTheInbox(Exception):
    """No such notification in that person's inbox (another's is no different)."""


async def read_inbox(
    person_id: str, records: Repositories, *, unread_only: bool = False, limit: int = 50
) -> list[InboxEntry]:
    """Newest first; ``unread_only`` keeps what the person has not acknowledged."""
    return await records.inbox.of_person(person_id, unread_only=unread_only, limit=limit)


async def mark_read(person_id: str, notification_id: UUID, records: Repositories) -> None:
    """Acknowledge one of the person's own notifications; the first reading is kept."""
    if not await records.inbox.mark_read(person_id, notification_id, utc_now()):
        raise NotInTheInbox(str(notification_id))
