"""HTTP in: a person's in-app inbox, and a case's delivery receipts."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from services.notifications.adapters.deliveries import Deliveries
from services.notifications.adapters.inbox import Inbox

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
    attempts: int
    created_at: datetime
    sent_at: datetime | None = None
    last_error: str | None = None
    receipts: list[dict[str, Any]]


def notification_routes(inbox: Inbox, deliveries: Deliveries) -> APIRouter:
    router = APIRouter(tags=["notifications"])

    @router.get(
        "/people/{person_id}/inbox",
        response_model=list[InboxItem],
        summary="A person's in-app notifications, newest first",
    )
    async def read_inbox(
        person_id: str, limit: int = Query(default=50, ge=1, le=200)
    ) -> list[InboxItem]:
        return [InboxItem.model_validate(d) for d in await inbox.of_person(person_id, limit=limit)]

    @router.get(
        "/cases/{case_id}/deliveries",
        response_model=list[DeliveryView],
        summary="Every delivery made for a case, with its outcome and receipts",
    )
    async def case_deliveries(case_id: UUID) -> list[DeliveryView]:
        return [DeliveryView.model_validate(d) for d in await deliveries.of_case(case_id)]

    return router
