"""HTTP in: a person's in-app inbox, a case's delivery receipts, the failed deliveries."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Query, status
from pydantic import BaseModel, Field

from services.notifications.adapters.deliveries import Deliveries
from services.notifications.adapters.inbox import Inbox
from shared.contracts import Identifier, utc_now
from shared.security import Access, Gate

__all__ = ["DeliveryView", "InboxItem", "notification_routes"]


class InboxItem(BaseModel):
    notification_id: UUID = Field(validation_alias="_id")
    case_id: UUID
    subject: str
    body: str
    urgent: bool
    created_at: datetime
    read_at: datetime | None


class DeliveryView(BaseModel):
    notification_id: UUID = Field(validation_alias="_id")
    person_id: str
    channel: str
    status: str
    reason: str | None = None
    attempts: int
    created_at: datetime
    sent_at: datetime | None = None
    last_error: str | None = None
    receipts: list[dict[str, Any]]


def notification_routes(inbox: Inbox, deliveries: Deliveries, gate: Gate) -> APIRouter:
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
        items = await inbox.of_person(person_id, unread_only=unread, limit=limit)
        return [InboxItem.model_validate(d) for d in items]

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
        if not await inbox.mark_read(person_id, str(notification_id), utc_now()):
            raise HTTPException(status.HTTP_404_NOT_FOUND, "No such notification for that person.")

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
        return [DeliveryView.model_validate(d) for d in await deliveries.failed(limit=limit)]

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
        return [DeliveryView.model_validate(d) for d in await deliveries.of_case(case_id)]

    return router
