"""HTTP in: the welfare plans (§13), each school's and the education provider's own, saved
as new versions and read with their versions and the yearly review reminder."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Request, status

from services.communal.domain.welfare_plan import PROVIDER
from services.communal.entrypoints.refusals import refusals_as_http
from services.communal.entrypoints.workspace import ScreenFor
from services.communal.service_layer.plan_models import PlanDraft, PlanPage, PlanVersionView
from services.communal.service_layer.plans import plan_of, plan_version, save_plan_version
from services.communal.service_layer.unit_of_work import CommunalUnit
from shared.contracts import Identifier
from shared.security import Access, Gate

__all__ = ["plan_routes"]

Version = Annotated[int, Path(ge=1, le=100_000)]
KnownSchools = Callable[[], Awaitable[set[str]]]
_SCREENED = (
    "Every text is checked first: one that names a student, gives a student reference, a "
    "case id or an identity code is refused with 422 (`mentions_a_student`); if the check "
    "cannot be made, 503 and nothing is saved."
)


def plan_routes(
    unit: CommunalUnit, gate: Gate, screen_for: ScreenFor, schools: KnownSchools
) -> APIRouter:
    router = APIRouter(tags=["welfare plans"])
    school_plan = "/schools/{school_id}/welfare-plan"

    async def known(school_id: str) -> str:
        # A school the directory does not know has no plan; nor can one pass as "provider".
        if school_id not in await schools():
            raise HTTPException(status.HTTP_404_NOT_FOUND, "No such school.")
        return school_id

    @router.get(
        school_plan,
        summary="A school's welfare plan",
        description="Its current version, every version, and when its yearly review is due.",
    )
    async def school(school_id: Identifier, access: Access = Depends(gate)) -> PlanPage:
        return await plan_of(unit, await known(school_id))

    @router.post(
        school_plan,
        status_code=status.HTTP_201_CREATED,
        summary="Save a new version of a school's welfare plan",
        description="The four parts §13 requires, who took part, the indicators. " + _SCREENED,
    )
    async def save_school(
        school_id: Identifier, body: PlanDraft, request: Request, access: Access = Depends(gate)
    ) -> PlanVersionView:
        scope = await known(school_id)
        async with refusals_as_http():
            return await save_plan_version(
                unit, screen_for(request), scope, body, by=access.who.role
            )

    @router.get(
        school_plan + "/versions/{version}",
        summary="One version of a school's plan",
        description="Every saved version stays readable; 404 for one never saved.",
    )
    async def school_version(
        school_id: Identifier, version: Version, access: Access = Depends(gate)
    ) -> PlanVersionView:
        async with refusals_as_http():
            return await plan_version(unit, await known(school_id), version)

    @router.get(
        "/welfare-plan",
        summary="The education provider's own welfare plan",
        description="Its current version, every version, and when its yearly review is due.",
    )
    async def provider(access: Access = Depends(gate)) -> PlanPage:
        return await plan_of(unit, PROVIDER)

    @router.post(
        "/welfare-plan",
        status_code=status.HTTP_201_CREATED,
        summary="Save a new version of the provider's welfare plan",
        description="Checked for the students of every school of the provider. " + _SCREENED,
    )
    async def save_provider(
        body: PlanDraft, request: Request, access: Access = Depends(gate)
    ) -> PlanVersionView:
        every_school = sorted(await schools())
        async with refusals_as_http():
            return await save_plan_version(
                unit, screen_for(request), PROVIDER, body,
                by=access.who.role, provider_schools=every_school,
            )  # fmt: skip

    @router.get(
        "/welfare-plan/versions/{version}",
        summary="One version of the provider's plan",
        description="Every saved version stays readable; 404 for one never saved.",
    )
    async def provider_version(version: Version, access: Access = Depends(gate)) -> PlanVersionView:
        async with refusals_as_http():
            return await plan_version(unit, PROVIDER, version)

    return router
