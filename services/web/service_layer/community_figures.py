"""The published figures a community page shows beside its meetings and plan: fetched
from the communal service's publication (already suppressed there), and done without if
the publication cannot be had just now: the figures are the other pages' main matter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.web.domain.community_figures import Headlines, headlines
from services.web.domain.welfare_plan_scope import PlanScope
from services.web.service_layer.api import Api, Forbidden, NotFound, Service, Unavailable

__all__ = ["Published", "published", "school_headlines"]


@dataclass(frozen=True)
class Published:
    """The tables and statistics a plan's indicators are read from."""

    school_year: int
    tables: list[Any]
    statistics: dict[str, Any]


async def _figures(api: Api, path: str, year: int) -> Any:
    try:
        return await api.get(Service.COMMUNAL, path, params={"year": str(year)})
    except (Forbidden, NotFound, Unavailable):
        return None  # the page shows the rest, and says the figures are not to be had


async def school_headlines(api: Api, school_id: str, year: int) -> Headlines | None:
    seen = await _figures(api, f"/statistics/schools/{school_id}", year)
    return headlines(seen) if isinstance(seen, dict) else None


async def published(api: Api, scope: PlanScope, year: int) -> Published | None:
    if scope.school_id:
        seen = await _figures(api, f"/statistics/schools/{scope.school_id}", year)
        if not isinstance(seen, dict) or not seen.get("publishable"):
            return None
        statistics = seen.get("statistics") or {}
    else:
        seen = await _figures(api, "/statistics/provider", year)
        if not isinstance(seen, dict):
            return None
        statistics = (seen.get("total") or {}).get("statistics") or {}
    return Published(int(seen.get("school_year") or year), seen.get("tables") or [], statistics)
