"""The events that report a delivery's outcome, built in one place for every channel.

Each names the case's school (for the statistics' count of deliveries, never whom);
None for a delivery stored before deliveries kept it."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from services.notifications.domain.recipients import Channel, RecipientKind
from services.notifications.settings import SERVICE
from shared.contracts import (
    Cause,
    EventEnvelope,
    NotificationFailedData,
    NotificationFailedV1,
    NotificationSentData,
    NotificationSentV1,
)

__all__ = ["delivery_failed", "delivery_sent"]


def delivery_sent(
    *,
    cause: EventEnvelope | Cause,
    notification_id: UUID,
    case_id: UUID,
    person_id: str,
    kind: RecipientKind,
    channel: Channel,
    at: datetime,
    school_id: str | None,
) -> NotificationSentV1:
    return NotificationSentV1.caused_by(
        cause,
        producer=SERVICE,
        data=NotificationSentData(
            notification_id=notification_id,
            case_id=case_id,
            recipient_id=person_id,
            recipient_kind=kind.value,
            channel=channel.value,
            sent_at=at,
            school_id=school_id,
        ),
    )


def delivery_failed(
    *,
    cause: Cause,
    notification_id: UUID,
    case_id: UUID,
    person_id: str,
    kind: RecipientKind,
    channel: Channel,
    attempts: int,
    reason: str,
    at: datetime,
    school_id: str | None,
) -> NotificationFailedV1:
    return NotificationFailedV1.caused_by(
        cause,
        producer=SERVICE,
        data=NotificationFailedData(
            notification_id=notification_id,
            case_id=case_id,
            recipient_id=person_id,
            recipient_kind=kind.value,
            channel=channel.value,
            attempts=attempts,
            reason=reason,
            failed_at=at,
            school_id=school_id,
        ),
    )
