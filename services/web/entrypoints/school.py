"""Screens: the principal's school: welfare staffing against the §9a ceilings, and the
open cases that wait for the principal (nobody leads them, or a §15 deadline passed).

A principal with several schools opens each at /school/{school_id}; /school is the first.
Only counts, case ids, dates and professions are shown: the service gives nothing more.
"""

from __future__ import annotations

from babel.numbers import format_decimal
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from pydantic import TypeAdapter, ValidationError

from services.web.domain.person import SignedIn
from services.web.domain.school import Load
from services.web.entrypoints.i18n import current_language, gettext
from services.web.entrypoints.local_time import day, today
from services.web.entrypoints.pages import Pages
from services.web.entrypoints.people import Person, PersonApi
from services.web.service_layer.api import Api, Forbidden
from services.web.service_layer.school import school_overview
from shared.contracts import Identifier, Role

__all__ = ["routes"]

_IDENTIFIER: TypeAdapter[str] = TypeAdapter(Identifier)


def _principal_only(person: SignedIn) -> None:
    if person.role is not Role.PRINCIPAL:
        raise Forbidden(
            gettext(
                "The school's overview is the principal's: the welfare staffing and the cases "
                "waiting for someone to lead them."
            )
        )


def _number(value: float) -> str:
    """A count as the person's language writes it (1 234,5 in Finnish)."""
    return format_decimal(value, "#,##0.##", locale=current_language())


def routes(pages: Pages) -> APIRouter:
    router = APIRouter()

    async def overview(request: Request, person: SignedIn, api: Api, school_id: str) -> Response:
        school = await school_overview(api, school_id, today())
        return pages.render(
            request,
            "school/overview.html",
            school=school,
            schools=person.school_ids,
            Load=Load,
            day=day,
            number=_number,
        )

    @router.get("/school")
    async def first_school(request: Request, person: Person, api: PersonApi) -> Response:
        _principal_only(person)
        if not person.school_ids:
            return pages.render(request, "school/no_school.html", 403)
        return await overview(request, person, api, person.school_ids[0])

    @router.get("/school/{school_id}")
    async def one_school(
        school_id: str, request: Request, person: Person, api: PersonApi
    ) -> Response:
        _principal_only(person)
        try:
            _IDENTIFIER.validate_python(school_id)
        except ValidationError:
            raise HTTPException(404) from None  # a crafted path never reaches the service
        if school_id not in person.school_ids:
            raise Forbidden(gettext("Your sign-in does not name this school as yours."))
        return await overview(request, person, api, school_id)

    return router
