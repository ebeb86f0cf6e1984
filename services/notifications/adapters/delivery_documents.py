"""How a delivery is stored, and read back: one document per notification.

The shape is the one every stored delivery already has; a field added since (``reason``,
``school_id``) is read with a default, so older documents still read.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from services.notifications.domain.messages import Message
from services.notifications.domain.notification import Notification
from services.notifications.domain.recipients import Channel, Reason, RecipientKind
from services.notifications.domain.records import (
    DeliveryRecord,
    DeliveryStatus,
    PendingDelivery,
    Receipt,
)
from shared.contracts import Cause
from shared.tracing import carrying

__all__ = ["delivery_document", "pending", "receipt_document", "record"]


def delivery_document(notification: Notification, cause: Cause, *, sent: bool) -> dict[str, Any]:
    now = notification.created_at
    when = notification.timing
    status = "sent" if sent else ("digest" if when and when.in_digest else "pending")
    return {
        "_id": str(notification.notification_id),
        "event_id": str(notification.event_id),
        "case_id": str(notification.case_id),
        "person_id": notification.recipient.contact.person_id,
        "recipient_kind": notification.recipient.contact.kind,
        "channel": notification.channel,
        "reason": notification.recipient.reason,
        "school_id": notification.school_id,
        "subject": notification.message.subject,
        "body": notification.message.body,
        "urgent": notification.urgent,
        "cause": cause.model_dump(mode="json"),
        "status": status,
        "attempts": 1 if sent else 0,
        "created_at": now,
        "next_attempt_at": None if sent else (when.send_at if when else now),
        "sent_at": now if sent else None,
        "receipts": [],
        "trace": carrying({}),  # the dispatcher sends it in the trace that planned it
    }


def receipt_document(receipt: Receipt) -> dict[str, Any]:
    return {
        "at": receipt.at,
        "reply": receipt.reply,
        **({"digest": True} if receipt.digest else {}),
    }


def pending(document: dict[str, Any]) -> PendingDelivery:
    return PendingDelivery(
        notification_id=UUID(document["_id"]),
        case_id=UUID(document["case_id"]),
        person_id=document["person_id"],
        recipient_kind=RecipientKind(document["recipient_kind"]),
        channel=Channel(document["channel"]),
        reason=Reason(document.get("reason", Reason.RESPONSIBLE)),
        message=Message(document["subject"], document["body"]),
        attempts=document["attempts"],
        cause=Cause.model_validate(document["cause"]),
        school_id=document.get("school_id"),
        trace=document.get("trace") or {},
    )


def record(document: dict[str, Any]) -> DeliveryRecord:
    reason = document.get("reason")
    return DeliveryRecord(
        notification_id=UUID(document["_id"]),
        case_id=UUID(document["case_id"]),
        person_id=document["person_id"],
        recipient_kind=RecipientKind(document["recipient_kind"]),
        channel=Channel(document["channel"]),
        reason=Reason(reason) if reason else None,
        message=Message(document["subject"], document["body"]),
        urgent=document["urgent"],
        status=DeliveryStatus(document["status"]),
        attempts=document["attempts"],
        created_at=document["created_at"],
        next_attempt_at=document.get("next_attempt_at"),
        sent_at=document.get("sent_at"),
        last_error=document.get("last_error"),
        receipts=tuple(
            Receipt(at=r["at"], reply=r["reply"], digest=bool(r.get("digest", False)))
            for r in document.get("receipts", [])
        ),
        school_id=document.get("school_id"),
    )
