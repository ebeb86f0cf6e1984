"""HTTP in: a person's in-app inbox, a case's delivery receipts, the failed deliveries."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Query, status
from pydantic import BaseModel

from services.notifications.domain.records import DeliveryRecord, InboxEntry
from services.notifications.service_layer import inbox, receipts
from services.notifications.service_layer.unit_of_work import Repositories
from shared.contracts import Identifier
from shared.security import Access, Gate

__all__ = ["DeliveryView", "InboxItem", "notification_routes"]


class InboxItem(BaseModel):
    notification_id: UUID
    case_id: UUID
    subject: str
    body: str
    urgent: bool
    created_at: datetime
    read_at: datetime | None

    @classmethod
    def of(cls, entry: InboxEntry) -> InboxItem:
        return cls(
            notification_id=entry.notification_id, case_id=entry.case_id,
            subject=entry.message.subject, body=entry.message.body, urgent=entry.urgent,
            created_at=entry.created_at, read_at=entry.read_at,
        )  # fmt: skip


class DeliveryView(BaseModel):
    notification_id: UUID
    case_id: UUID
    person_id: str
    channel: str
    status: str
    reason: str | None = None
    attempts: int
    created_at: datetime
    sent_at: datetime | None = None
    last_error: str | None = None
    receipts: list[dict[str, Any]]

    @classmethod
    def of(cls, record: DeliveryRecord) -> DeliveryView:
        return cls(
            notification_id=record.notification_id, case_id=record.case_id,
            person_id=record.person_id, channel=record.channel, status=record.status,
            reason=record.reason,
            attempts=record.attempts, created_at=record.created_at, sent_at=record.sent_at,
            last_error=record.last_error,
            receipts=[
                {"at": r.at, "reply": r.reply, **({"digest": True} if r.digest else {})}
                for r in record.receipts
            ],
        )  # fmt: skip


def notification_routes(records: Repositories, gate: Gate) -> APIRouter:
    router = APIRouter(tags=["notifications"])

    @router.get(
        "/people/{person_id}/inbox",
        response_model=list[InboxItem],
        summary="A person's in-app notifications, newest first",
        description=(
            "The caller's own inbox; `unread=true` keeps only what they have not acknowledged. "
            "Messages say where to open a matter, never what it is."
        ),
    )
    async def read_inbox(
        person_id: Identifier,
        unread: bool = Query(default=False, description="Only what has not been read yet."),
        limit: int = Query(default=50, ge=1, le=200),
        access: Access = Depends(gate),
    ) -> list[InboxItem]:
        entries = await inbox.read_inbox(person_id, records, unread_only=unread, limit=limit)
        return [InboxItem.of(e) for e in entries]

    @router.post(
        "/people/{person_id}/inbox/{notification_id}/read",
        status_code=204,
        summary="Mark one of the person's notifications read",
        description=(
            "Acknowledges one of the caller's own notifications; acting on the matter is separate."
        ),
    )
    async def mark_read(
        person_id: Identifier, notification_id: UUID, access: Access = Depends(gate)
    ) -> None:
        try:
            await inbox.mark_read(person_id, notification_id, records)
        except inbox.NotInTheInbox:
            raise HTTPException(
                status.HTTP_404_NOT_FOUND, "No such notification for that person."
            ) from None

    @router.get(
        "/deliveries/failed",
        response_model=list[DeliveryView],
        summary="Deliveries that failed for good, newest first (for the administrator)",
        description=(
            "Email and SMS deliveries that failed for good, with the reason and attempts, for the "
            "administrator to follow up; identifiers only."
        ),
    )
    async def failed_deliveries(
        limit: int = Query(default=100, ge=1, le=500), access: Access = Depends(gate)
    ) -> list[DeliveryView]:
        return [DeliveryView.of(r) for r in await receipts.failed_deliveries(records, limit=limit)]

    @router.get(
        "/cases/{case_id}/deliveries",
        response_model=list[DeliveryView],
        summary="Every delivery made for a case, with its outcome and receipts",
        description=(
            "Every delivery planned for a case, by person and channel, with its status, attempts "
            "and receipts; identifiers only."
        ),
    )
    async def case_deliveries(case_id: UUID, access: Access = Depends(gate)) -> list[DeliveryView]:
        return [DeliveryView.of(r) for r in await receipts.case_deliveries(case_id, records)]

    return router
