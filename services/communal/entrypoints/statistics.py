"""HTTP in: the published figures of a school, and of all the provider's schools."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, status

from services.communal.domain.periods import SchoolYear, month_of
from services.communal.service_layer.figures import Figures
from shared.contracts import Identifier
from shared.security import Access, Gate

__all__ = ["statistics_routes"]

# The platform's first school year; a year after the current one has nothing to publish.
_FIRST_YEAR = 2023

Year = Annotated[
    int | None,
    Query(
        ge=_FIRST_YEAR,
        le=2100,
        description="The school year by the calendar year it starts in (August); "
        "the current one if not given.",
    ),
]


def statistics_routes(figures: Figures, gate: Gate, now: Callable[[], datetime]) -> APIRouter:
    router = APIRouter(tags=["statistics"])

    def school_year(year: int | None) -> SchoolYear:
        current = SchoolYear.of_month(month_of(now()))
        if year is None:
            return current
        if year > current.start:
            raise HTTPException(
                status.HTTP_422_UNPROCESSABLE_CONTENT,
                f"The school year {year}-{year + 1} has not begun: nothing is published for it.",
            )
        return SchoolYear(year)

    @router.get(
        "/statistics/schools/{school_id}",
        summary="A school's published figures for a school year",
        description=(
            "Counts by month, term and year, with every count under 5 hidden and enough "
            "others hidden that none can be worked out. A school too small to publish "
            "alone says so (`publishable: false`) and shows no numbers."
        ),
    )
    async def school(
        school_id: Identifier, year: Year = None, access: Access = Depends(gate)
    ) -> dict[str, Any]:
        publication = await figures.of(school_year(year))
        found: dict[str, Any] = publication.school(school_id).model_dump(mode="json")
        return found

    @router.get(
        "/statistics/provider",
        summary="All the provider's schools side by side, and the provider's own trends",
        description=(
            'The headline figures of each school shown alone, of "other schools" (the '
            "small ones together, never one school) and of the provider, with the same cells "
            "hidden as on every school's page; the provider's monthly tables. For the "
            "provider's welfare lead."
        ),
    )
    async def provider(year: Year = None, access: Access = Depends(gate)) -> dict[str, Any]:
        publication = await figures.of(school_year(year))
        found: dict[str, Any] = publication.provider().model_dump(mode="json")
        return found

    return router
