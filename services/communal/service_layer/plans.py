"""The welfare plans (§13): the provider's own and each school's, saved as new versions,
read as the current one with its versions and the yearly review reminder.

Who may save which plan is the HTTP layer's policy (the school's: its principal and the
welfare lead; the provider's: the welfare lead); here, what any save must be."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from services.communal.domain.welfare_plan import (
    PROVIDER,
    Indicator,
    draft,
    next_version,
    review_status,
)
from services.communal.service_layer.plan_models import (
    PlanDraft,
    PlanPage,
    PlanVersionView,
    ReviewView,
    VersionEntry,
)
from services.communal.service_layer.screen import TextScreen, refuse_mentions
from services.communal.service_layer.unit_of_work import CommunalUnit, SavedMeanwhile
from services.communal.service_layer.workspace import school_day
from shared.contracts import Role, utc_now
from shared.storage import DuplicateKeyError

__all__ = ["NoSuchPlanVersion", "plan_of", "plan_version", "save_plan_version"]


class NoSuchPlanVersion(LookupError):
    def __init__(self) -> None:
        super().__init__("The plan has no such version.")


async def save_plan_version(
    unit: CommunalUnit,
    text_screen: TextScreen,
    scope: str,
    body: PlanDraft,
    *,
    by: Role,
    provider_schools: Collection[str] = (),
    now: datetime | None = None,
) -> PlanVersionView:
    """The plan's next version. ``scope`` is ``PROVIDER`` or a school's id; the provider's
    plan is screened for the students of every one of ``provider_schools``, a school's for
    its own. Raises ``Refused``, ``MentionsAStudent``, ``ScreenUnavailable``,
    ``SavedMeanwhile``."""
    if scope == PROVIDER and not provider_schools:
        # Screened against no school's names, a provider's plan could name anyone.
        raise ValueError("the provider's plan is screened against its schools: name them")
    now = now or utc_now()
    content = draft(
        body.parts.by_part(),
        body.drawn_up_with,
        body.participation_note,
        [Indicator(i.indicator, i.target, i.note) for i in body.indicators],
        body.adopted_on,
        body.review_by,
        today=school_day(now),
    )
    schools = provider_schools if scope == PROVIDER else [scope]
    await refuse_mentions(text_screen, schools, content.texts())
    plan = next_version(await unit.plans.latest(scope), scope, content, now=now, by=by)
    try:
        await unit.plans.add(plan)
    except DuplicateKeyError:
        raise SavedMeanwhile from None
    return PlanVersionView.of(plan)


async def plan_of(unit: CommunalUnit, scope: str, *, now: datetime | None = None) -> PlanPage:
    """The current (newest) version, every version, and when the next review is due."""
    current = await unit.plans.latest(scope)
    versions = await unit.plans.versions(scope)
    review = review_status(current, school_day(now or utc_now())) if current else None
    return PlanPage(
        current=PlanVersionView.of(current) if current else None,
        versions=[VersionEntry.of(entry) for entry in versions],
        review=ReviewView.of(review) if review else None,
    )


async def plan_version(unit: CommunalUnit, scope: str, version: int) -> PlanVersionView:
    plan = await unit.plans.get(scope, version)
    if plan is None:
        raise NoSuchPlanVersion
    return PlanVersionView.of(plan)
