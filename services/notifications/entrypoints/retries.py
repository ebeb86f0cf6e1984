"""HTTP in: the administrator sends a failed delivery again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Body, Depends, HTTPException, status
from pydantic import BaseModel, StringConstraints

from services.notifications.service_layer.retrying import NoSuchDelivery, retry_failed
from services.notifications.service_layer.unit_of_work import Repositories
from shared.security import Access, Gate

__all__ = ["RetryOutcome", "RetryRequest", "retry_routes"]

Reason = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]


class RetryRequest(BaseModel):
    reason: Reason | None = None  # optional: kept with the retry


class RetryOutcome(BaseModel):
    notification_id: UUID
    requeued: bool  # False: it was not failed any more; nothing was done
    status: str


def retry_routes(records: Repositories, gate: Gate, wake: Callable[[], None]) -> APIRouter:
    router = APIRouter(tags=["notifications"])

    @router.post(
        "/deliveries/{notification_id}/retry",
        response_model=RetryOutcome,
        status_code=status.HTTP_202_ACCEPTED,
        summary="Send a failed delivery again (for the administrator)",
        description=(
            "Puts a failed delivery back in the dispatcher's queue, due now, and records who "
            "asked and why. Idempotent: a delivery that is not failed (already retried, sent) "
            "is left as it is (`requeued: false`). 404 for an unknown delivery."
        ),
    )
    async def retry(
        notification_id: UUID,
        body: Annotated[RetryRequest | None, Body()] = None,
        access: Access = Depends(gate),
    ) -> RetryOutcome:
        why = body.reason or None if body else None
        try:
            done = await retry_failed(notification_id, records, by=access.who.subject, why=why)
        except NoSuchDelivery:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "No such delivery.") from None
        if done.requeued:
            wake()
        return RetryOutcome(
            notification_id=done.notification_id, requeued=done.requeued, status=done.status
        )

    return router
