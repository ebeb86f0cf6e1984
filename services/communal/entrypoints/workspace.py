"""HTTP in: the school's communal welfare group schedules its meetings and keeps minutes."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from fastapi import APIRouter, Depends, Request, status

from services.communal.entrypoints.refusals import refusals_as_http
from services.communal.service_layer.screen import TextScreen
from services.communal.service_layer.unit_of_work import CommunalUnit
from services.communal.service_layer.workspace import (
    get_meeting,
    meetings_of,
    record_minutes,
    schedule_meeting,
)
from services.communal.service_layer.workspace_models import (
    MeetingList,
    MeetingView,
    MinutesDraft,
    NewMeeting,
)
from shared.contracts import Identifier
from shared.security import Access, Gate

__all__ = ["workspace_routes"]

ScreenFor = Callable[[Request], TextScreen]

_SCREENED = (
    " Every text is checked first: one that names a student, gives a student reference, "
    "a case id or an identity code is refused with 422 (`mentions_a_student`), field by "
    "field; if the check cannot be made, 503 and nothing is saved."
)


def workspace_routes(unit: CommunalUnit, gate: Gate, screen_for: ScreenFor) -> APIRouter:
    router = APIRouter(tags=["communal group"])
    meetings = "/schools/{school_id}/group/meetings"

    @router.get(
        meetings,
        summary="The group's meetings, newest first",
        description="Each with its agenda and the newest version of its minutes, if any.",
    )
    async def listed(school_id: Identifier, access: Access = Depends(gate)) -> MeetingList:
        return await meetings_of(unit, school_id)

    @router.post(
        meetings,
        status_code=status.HTTP_201_CREATED,
        summary="Schedule a meeting of the school's communal welfare group",
        description="Its day, title and agenda, about the whole school." + _SCREENED,
    )
    async def scheduled(
        school_id: Identifier, body: NewMeeting, request: Request, access: Access = Depends(gate)
    ) -> MeetingView:
        async with refusals_as_http():
            return await schedule_meeting(unit, screen_for(request), school_id, body)

    @router.get(
        meetings + "/{meeting_id}",
        summary="A meeting, with its newest minutes",
        description="404 for a meeting that is not this school's, whether or not it exists.",
    )
    async def one(
        school_id: Identifier, meeting_id: UUID, access: Access = Depends(gate)
    ) -> MeetingView:
        async with refusals_as_http():
            return await get_meeting(unit, school_id, meeting_id)

    @router.post(
        meetings + "/{meeting_id}/minutes",
        summary="Keep the meeting's minutes (a correction is a new version)",
        description="Who attended by role, what was discussed and decided." + _SCREENED,
    )
    async def minuted(
        school_id: Identifier,
        meeting_id: UUID,
        body: MinutesDraft,
        request: Request,
        access: Access = Depends(gate),
    ) -> MeetingView:
        async with refusals_as_http():
            return await record_minutes(
                unit, screen_for(request), school_id, meeting_id, body, by=access.who.role
            )

    return router
