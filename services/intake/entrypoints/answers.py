"""The refusals every way in answers alike, each logged before it is answered: a flood
(429, counted before anything is read) and a concern or request that contradicts itself
(422, one message per field, as the app's own validation answers)."""

from __future__ import annotations

from uuid import UUID

from fastapi.responses import JSONResponse

from services.intake.domain import ConcernRejected
from services.intake.service_layer.raise_concern import TooManyConcerns, count_attempt
from services.intake.service_layer.unit_of_work import RaisingLimit
from shared.security import Access, Outcome

__all__ = ["inconsistent", "over_the_limit", "status_url"]


async def over_the_limit(access: Access, limit: RaisingLimit) -> JSONResponse | None:
    """Count the caller's attempt: the 429 to answer if they are over the limit, else None."""
    try:
        await count_attempt(access.who.subject, limit)
    except TooManyConcerns as flood:
        await access.settle(Outcome.REFUSED, detail="rate limit")
        return JSONResponse(
            status_code=429,
            headers={"Retry-After": str(flood.retry_after_s)},
            content={"detail": str(flood)},
        )
    return None


async def inconsistent(access: Access, rejected: ConcernRejected, noun: str) -> JSONResponse:
    """The 422 for a ``noun`` ("concern", "request") that contradicts itself."""
    await access.settle(Outcome.INVALID_REQUEST, detail=rejected.field_name)
    return JSONResponse(
        status_code=422,
        content={
            "detail": f"The {noun} is inconsistent.",
            "errors": [{"field": rejected.field_name, "message": str(rejected)}],
        },
    )


def status_url(public_base_url: str, concern_id: UUID) -> str:
    """Where the asker follows the concern (``GET /concerns/{concern_id}/status``)."""
    return f"{public_base_url}/concerns/{concern_id}/status"
