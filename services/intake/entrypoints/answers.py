"""The refusals every way in answers alike, each logged before it is answered: a flood
(429, counted before anything is read) and a concern or request that contradicts itself
(422, one message per field, as the app's own validation answers)."""

from __future__ import annotations

from uuid import UUID

from fastapi.responses import JSONResponse

from services.intake.domain import ConcernRejected
from services.intake.service_layer.raise_concern import TooManyConcerns
from shared.security import Access, Outcome

__all__ = ["inconsistent", "status_url", "too_many"]


async def too_many(access: Access, flood: TooManyConcerns) -> JSONResponse:
    """The 429 for a caller over the limit (``count_attempt``), with when to try again."""
    await access.settle(Outcome.REFUSED, detail="rate limit")
    return JSONResponse(
        status_code=429,
        headers={"Retry-After": str(flood.retry_after_s)},
        content={"detail": str(flood)},
    )


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
