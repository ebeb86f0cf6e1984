"""One notification: one message to one person through one channel, with a stable id.

The id is derived from the event, the person and the channel, so planning the same event
twice yields the same notifications, and the store refuses the second copy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from uuid import NAMESPACE_URL, UUID, uuid5

from services.notifications.domain.messages import Message
from services.notifications.domain.recipients import Channel, Recipient
from services.notifications.domain.timing import Timing

__all__ = ["Notification", "plan_notifications"]

_NAMESPACE = uuid5(NAMESPACE_URL, "urn:opiskeluhuolto:notification")


@dataclass(frozen=True)
class Notification:
    notification_id: UUID
    event_id: UUID
    case_id: UUID
    recipient: Recipient
    channel: Channel
    message: Message
    urgent: bool
    created_at: datetime
    timing: Timing | None = None  # None: at once
    # The case's school, for the statistics' count of deliveries; None: not known.
    school_id: str | None = None


def plan_notifications(
    *,
    event_id: UUID,
    case_id: UUID,
    kind: str,
    recipients: Iterable[Recipient],
    message_for: Callable[[Recipient], Message],
    urgent: bool,
    now: datetime,
    timing_for: Callable[[Recipient, Channel], Timing] | None = None,
    school_id: str | None = None,
) -> list[Notification]:
    """One notification per recipient and channel chosen for this ``kind`` of message."""
    return [
        Notification(
            notification_id=uuid5(_NAMESPACE, f"{event_id}:{r.contact.person_id}:{channel}"),
            event_id=event_id,
            case_id=case_id,
            recipient=r,
            channel=channel,
            message=message_for(r),
            urgent=urgent,
            created_at=now,
            timing=timing_for(r, channel) if timing_for else None,
            school_id=school_id,
        )
        for r in recipients
        for channel in r.contact.channels_for(kind)
    ]
