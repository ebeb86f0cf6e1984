"""A welfare plan (§13) at the communal service, a school's or the education provider's:
its current version with the review reminder and the versions before, one version, and
a new version adopted. The service decides who may read or write which."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.web.domain.welfare_plan_scope import PlanScope, Review, review_of
from services.web.domain.welfare_plan_version import (
    PlanVersion,
    VersionRow,
    version_of,
    version_row_of,
)
from services.web.service_layer.api import Api, Service

__all__ = ["PlanOverview", "adopt_plan", "plan_overview", "plan_version"]


@dataclass(frozen=True)
class PlanOverview:
    current: PlanVersion | None  # None: no plan saved yet
    versions: tuple[VersionRow, ...]  # newest first
    review: Review | None


async def plan_overview(api: Api, scope: PlanScope) -> PlanOverview:
    seen = await api.get(Service.COMMUNAL, scope.api)
    current = seen.get("current")
    rows = sorted((version_row_of(v) for v in seen.get("versions", ())), key=lambda v: -v.version)
    return PlanOverview(
        current=version_of(current) if current else None,
        versions=tuple(rows),
        review=review_of(seen.get("review")),
    )


async def plan_version(api: Api, scope: PlanScope, version: int) -> PlanVersion:
    return version_of(await api.get(Service.COMMUNAL, f"{scope.api}/versions/{version}"))


async def adopt_plan(api: Api, scope: PlanScope, body: dict[str, Any]) -> PlanVersion:
    return version_of(await api.post(Service.COMMUNAL, scope.api, body))
