"""A school community's page through the communal service: its welfare group's meetings,
its welfare plan's review, a few of its published figures. The service decides who may
see them and holds no student; nothing here is kept."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date

from services.web.domain.community_figures import Headlines
from services.web.domain.welfare_plan_scope import PlanScope
from services.web.service_layer.api import Api
from services.web.service_layer.community_figures import school_headlines
from services.web.service_layer.community_meetings import Meeting, meetings
from services.web.service_layer.welfare_plan import PlanOverview, plan_overview

__all__ = ["CommunityPage", "community_page"]


@dataclass(frozen=True)
class CommunityPage:
    school_id: str
    upcoming: tuple[Meeting, ...]  # soonest first
    past: tuple[Meeting, ...]  # newest first
    plan: PlanOverview
    figures: Headlines | None  # None: the figures could not be had just now


async def community_page(api: Api, school_id: str, today: date, year: int) -> CommunityPage:
    listed, plan, figures = await asyncio.gather(
        meetings(api, school_id),
        plan_overview(api, PlanScope(school_id)),
        school_headlines(api, school_id, year),
    )
    upcoming = sorted((m for m in listed if m.held_on >= today), key=lambda m: m.held_on)
    past = sorted((m for m in listed if m.held_on < today), key=lambda m: m.held_on, reverse=True)
    return CommunityPage(school_id, tuple(upcoming), tuple(past), plan, figures)
