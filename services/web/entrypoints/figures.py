"""Screens: a school's figures and all schools side by side, their exports, the yearly report.

A school's figures are for the principal, the school's staff in its welfare group roles
and the provider's welfare lead (whoever has the school community's screens); the
provider's are the welfare lead's alone. The communal service decides on each school
and logs each read; this refuses a wrong role, and a crafted id or year, before any call.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from pydantic import TypeAdapter, ValidationError

from services.web.domain.figures_periods import school_year_asked
from services.web.domain.figures_sheets import (
    provider_document,
    provider_sheet,
    school_document,
    school_sheet,
)
from services.web.domain.person import Area, SignedIn
from services.web.entrypoints import figures_words
from services.web.entrypoints.figures_export import csv_download, export_words, json_download
from services.web.entrypoints.i18n import gettext
from services.web.entrypoints.local_time import today
from services.web.entrypoints.pages import Pages
from services.web.entrypoints.people import Person, PersonApi
from services.web.service_layer.api import Forbidden
from services.web.service_layer.figures import (
    evaluation_report,
    provider_figures,
    school_figures,
)
from shared.contracts import Identifier, Role

__all__ = ["routes"]

_IDENTIFIER: TypeAdapter[str] = TypeAdapter(Identifier)


def _school_reader(person: SignedIn, school_id: str) -> str:
    if Area.COMMUNITY not in person.areas:
        raise Forbidden(
            gettext(
                "A school's figures are for its principal, its welfare staff and the "
                "education provider's welfare lead."
            )
        )
    try:
        return _IDENTIFIER.validate_python(school_id)
    except ValidationError:
        raise HTTPException(404) from None  # a crafted path never reaches the service


def _welfare_lead(person: SignedIn) -> None:
    if person.role is not Role.WELFARE_LEAD:
        raise Forbidden(
            gettext("All schools' figures are the education provider's welfare lead's.")
        )


def _year(text: str | None) -> int:
    year = school_year_asked(text, today())
    if year is None:
        raise HTTPException(400)
    return year


def _span(year: int) -> str:
    return f"{year}-{year + 1}"


def routes(pages: Pages) -> APIRouter:
    router = APIRouter()
    helpers = figures_words.template_helpers()

    @router.get("/community/{school_id}/figures")
    async def school_page(
        school_id: str, request: Request, person: Person, api: PersonApi, year: str | None = None
    ) -> Response:
        school_id, asked = _school_reader(person, school_id), _year(year)
        figures = await school_figures(api, school_id, asked)
        template = "figures/school.html" if figures.publishable else "figures/unpublished.html"
        return pages.render(request, template, figures=figures, this_year=_year(None), **helpers)

    @router.get("/community/{school_id}/figures.{kind}")
    async def school_export(
        school_id: str,
        kind: str,
        person: Person,
        api: PersonApi,
        year: str | None = None,
        lang: str | None = None,
    ) -> Response:
        school_id, asked, words = _school_reader(person, school_id), _year(year), export_words(lang)
        if kind not in ("csv", "json"):
            raise HTTPException(404)
        figures = await school_figures(api, school_id, asked)
        name = f"figures-{school_id}-{_span(asked)}-{words.language}.{kind}"
        if kind == "csv":
            return csv_download(school_sheet(figures, words), name)
        return json_download(school_document(figures, words), name)

    @router.get("/provider")
    @router.get("/provider/figures")
    async def provider_page(
        request: Request, person: Person, api: PersonApi, year: str | None = None
    ) -> Response:
        _welfare_lead(person)
        figures = await provider_figures(api, _year(year))
        return pages.render(
            request, "figures/provider.html", figures=figures, this_year=_year(None), **helpers
        )

    @router.get("/provider/figures.{kind}")
    async def provider_export(
        kind: str, person: Person, api: PersonApi, year: str | None = None, lang: str | None = None
    ) -> Response:
        _welfare_lead(person)
        asked, words = _year(year), export_words(lang)
        if kind not in ("csv", "json"):
            raise HTTPException(404)
        figures = await provider_figures(api, asked)
        name = f"provider-figures-{_span(asked)}-{words.language}.{kind}"
        if kind == "csv":
            return csv_download(provider_sheet(figures, words), name)
        return json_download(provider_document(figures, words), name)

    @router.get("/provider/report/{year}")
    async def report(year: str, request: Request, person: Person, api: PersonApi) -> Response:
        _welfare_lead(person)
        found = await evaluation_report(api, _year(year))
        return pages.render(request, "figures/report.html", report=found, **helpers)

    return router
