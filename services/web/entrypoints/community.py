"""Screens: a school community's page (its communal welfare group's meetings, its welfare
plan's review, a few of its published figures), the group's meetings and minutes, and the
welfare plans, a school's and the education provider's own (§4, §13, §14.1, §25).

The school's principal, its welfare staff and the provider's welfare lead see a school
they are named for; the communal service decides and logs every call, and holds no
student: the group works on the whole school, never on one student.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.web.entrypoints import community_meetings, welfare_plan_pages
from services.web.entrypoints.community_common import (
    community_roles_only,
    school_of,
    school_year,
)
from services.web.entrypoints.community_labels import community_words
from services.web.entrypoints.local_time import today
from services.web.entrypoints.pages import Pages
from services.web.entrypoints.people import Person, PersonApi
from services.web.service_layer.community import community_page

__all__ = ["routes"]


def routes(pages: Pages) -> APIRouter:
    router = APIRouter()

    @router.get("/community")
    async def first_school(request: Request, person: Person) -> Response:
        community_roles_only(person)
        if len(person.school_ids) == 1:
            return RedirectResponse(f"/community/{person.school_ids[0]}", status_code=303)
        status = 200 if person.school_ids else 403
        return pages.render(request, "community/schools.html", status, schools=person.school_ids)

    @router.get("/community/{school_id}")
    async def one_school(
        school_id: str, request: Request, person: Person, api: PersonApi
    ) -> Response:
        school = school_of(person, school_id)
        page = await community_page(api, school, today(), school_year())
        return pages.render(
            request,
            "community/school.html",
            page=page,
            schools=person.school_ids,
            **community_words(person),
        )

    router.include_router(community_meetings.routes(pages))
    router.include_router(welfare_plan_pages.routes(pages))
    return router
