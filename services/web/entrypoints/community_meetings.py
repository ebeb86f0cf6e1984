"""Screens: the communal welfare group's meetings: one planned (day, title, agenda), one
read (its agenda and newest minutes), its minutes written or corrected (who attended by
role, what was discussed, what was decided). Every free text is checked by the communal
service for a student named; the refusal is shown beside the fields it names."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.web.domain.community_meetings import (
    MEETING_FIELDS,
    MINUTES_FIELDS,
    MeetingDraft,
    MinutesDraft,
)
from services.web.domain.person import SignedIn
from services.web.entrypoints.community_common import (
    fields_of,
    meeting_id_of,
    school_of,
)
from services.web.entrypoints.community_labels import community_words
from services.web.entrypoints.community_writes import Refused, attempt, checked
from services.web.entrypoints.forms import Form
from services.web.entrypoints.pages import Pages
from services.web.entrypoints.people import Person, PersonApi, take_draft
from services.web.service_layer.api import Api, Unavailable
from services.web.service_layer.community_meetings import (
    Meeting,
    meeting,
    plan_meeting,
    write_minutes,
)

__all__ = ["routes"]

MEETINGS = "/community/{school_id}/group/meetings"


def routes(pages: Pages) -> APIRouter:
    router = APIRouter()

    def new_page(
        request: Request, person: SignedIn, school: str, draft: MeetingDraft, refused: Refused
    ) -> Response:
        return pages.render(
            request,
            "community/meeting_new.html",
            200 if not refused.errors and not refused.unavailable else refused.status_code,
            school_id=school,
            draft=draft,
            refused=refused,
            errors=refused.errors,
            **community_words(person),
        )

    @router.get(f"{MEETINGS}/new")
    async def new_meeting(school_id: str, request: Request, person: Person) -> Response:
        school = school_of(person, school_id)
        draft = MeetingDraft.of(take_draft(request) or {})
        return new_page(request, person, school, draft, Refused())

    @router.post(f"{MEETINGS}/new")
    async def send_meeting(
        school_id: str, request: Request, person: Person, api: PersonApi, form: Form
    ) -> Response:
        school = school_of(person, school_id)
        draft = MeetingDraft.of(fields_of(form))
        if draft.more:
            return new_page(request, person, school, draft, Refused())  # nothing sent
        body, problems = draft.parse()
        if body is None:
            return new_page(request, person, school, draft, checked(problems))
        planned = await attempt(plan_meeting(api, school, body), MEETING_FIELDS)
        if isinstance(planned, Refused):
            return new_page(request, person, school, draft, planned)
        where = f"/community/{school}/group/meetings/{planned.meeting_id}?planned=1"
        return RedirectResponse(where, status_code=303)

    @router.get(f"{MEETINGS}/{{meeting_id}}")
    async def one_meeting(
        school_id: str, meeting_id: str, request: Request, person: Person, api: PersonApi
    ) -> Response:
        school, key = school_of(person, school_id), meeting_id_of(meeting_id)
        seen = await meeting(api, school, key)
        return pages.render(
            request,
            "community/meeting.html",
            school_id=school,
            meeting=seen,
            planned=bool(request.query_params.get("planned")),
            saved=bool(request.query_params.get("saved")),
            **community_words(person),
        )

    def minutes_page(
        request: Request,
        person: SignedIn,
        where: tuple[str, UUID],
        seen: Meeting | None,
        draft: MinutesDraft,
        refused: Refused,
    ) -> Response:
        return pages.render(
            request,
            "community/minutes.html",
            200 if not refused.errors and not refused.unavailable else refused.status_code,
            school_id=where[0],
            meeting_id=where[1],
            meeting=seen,  # None: the service did not answer; the typed form is shown still
            draft=draft,
            refused=refused,
            errors=refused.errors,
            **community_words(person),
        )

    async def meeting_if_answered(api: Api, school: str, key: UUID) -> Meeting | None:
        try:
            return await meeting(api, school, key)
        except Unavailable:
            return None

    @router.get(f"{MEETINGS}/{{meeting_id}}/minutes")
    async def minutes_form(
        school_id: str, meeting_id: str, request: Request, person: Person, api: PersonApi
    ) -> Response:
        school, key = school_of(person, school_id), meeting_id_of(meeting_id)
        seen = await meeting(api, school, key)
        typed = take_draft(request)
        saved = seen.minutes.raw if seen.minutes else None
        draft = MinutesDraft.of(typed) if typed is not None else MinutesDraft.saved(saved)
        return minutes_page(request, person, (school, key), seen, draft, Refused())

    @router.post(f"{MEETINGS}/{{meeting_id}}/minutes")
    async def send_minutes(
        school_id: str,
        meeting_id: str,
        request: Request,
        person: Person,
        api: PersonApi,
        form: Form,
    ) -> Response:
        school, key = school_of(person, school_id), meeting_id_of(meeting_id)
        draft = MinutesDraft.of(fields_of(form))
        body, problems = draft.parse()
        refused = Refused() if draft.more else checked(problems)
        if body is not None and not draft.more:
            sent = await attempt(write_minutes(api, school, key, body), MINUTES_FIELDS)
            if not isinstance(sent, Refused):
                return RedirectResponse(
                    f"/community/{school}/group/meetings/{key}?saved=1", status_code=303
                )
            refused = sent
        # Sent first, looked up after: a service that is down loses none of the typing.
        seen = await meeting_if_answered(api, school, key)
        return minutes_page(request, person, (school, key), seen, draft, refused)

    return router
