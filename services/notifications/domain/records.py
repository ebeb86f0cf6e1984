"""What the service keeps of each notification, as the use cases read it back.

A delivery is one notification's way out, through one channel: pending, waiting for a
digest, sent, failed for good, or withheld. A pending one is a job for the dispatcher; the
whole record is what the administrator and the case's receipts are shown (identifiers
only). An inbox entry is the in-app copy of a notification, for its one reader.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from services.notifications.domain.messages import Message
from services.notifications.domain.recipients import Channel, Reason, RecipientKind
from shared.contracts import Cause

__all__ = ["DeliveryRecord", "DeliveryStatus", "InboxEntry", "PendingDelivery", "Receipt"]


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    DIGEST = "digest"  # waiting for the reader's daily digest
    SENT = "sent"
    FAILED = "failed"  # for good: the administrator follows it up
    WITHHELD = "withheld"  # what the case became forbids it (a §18 bar, consent withdrawn)


@dataclass(frozen=True)
class Receipt:
    """What the channel answered when it took the message; ``digest``: it went in one."""

    at: datetime
    reply: str
    digest: bool = False


@dataclass(frozen=True)
class PendingDelivery:
    """A delivery claimed for sending: all the dispatcher needs, and the event it answers."""

    notification_id: UUID
    case_id: UUID
    person_id: str
    recipient_kind: RecipientKind
    channel: Channel
    reason: Reason
    message: Message
    attempts: int
    cause: Cause
    # The case's school, announced with the outcome for the statistics; None for a delivery
    # stored before deliveries kept it.
    school_id: str | None = None
    # The trace the notification was planned in (W3C trace context): sent in it too.
    trace: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class DeliveryRecord:
    notification_id: UUID
    case_id: UUID
    person_id: str
    recipient_kind: RecipientKind
    channel: Channel
    reason: Reason | None  # None: recorded before deliveries kept their reason
    message: Message
    urgent: bool
    status: DeliveryStatus
    attempts: int
    created_at: datetime
    next_attempt_at: datetime | None
    sent_at: datetime | None = None
    last_error: str | None = None
    receipts: tuple[Receipt, ...] = ()
    school_id: str | None = None  # None: stored before deliveries kept their case's school


@dataclass(frozen=True)
class InboxEntry:
    notification_id: UUID
    person_id: str
    case_id: UUID
    message: Message
    urgent: bool
    created_at: datetime
    read_at: datetime | None
