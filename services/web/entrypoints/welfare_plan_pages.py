"""Screens: the welfare plan (§13), a school's (/community/{school_id}/plan) and the
education provider's own (/provider/plan): the current version with its review reminder,
its indicators beside their published figures, each earlier version, and a new version
adopted from a form prefilled with the current one.

A school's plan is read by its community group and adopted by its principal or the
welfare lead; the provider's is the welfare lead's. The communal service decides.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.web.domain.community_figures import figure
from services.web.domain.person import SignedIn
from services.web.domain.welfare_plan_form import PLAN_FIELDS, PlanDraft
from services.web.domain.welfare_plan_scope import PlanScope
from services.web.entrypoints.community_common import (
    fields_of,
    may_edit_plan,
    school_of,
    school_year,
    version_of,
    welfare_lead_only,
)
from services.web.entrypoints.community_labels import community_words
from services.web.entrypoints.community_writes import Refused, attempt, checked
from services.web.entrypoints.forms import Form
from services.web.entrypoints.i18n import gettext
from services.web.entrypoints.local_time import today
from services.web.entrypoints.pages import Pages
from services.web.entrypoints.people import Person, PersonApi, take_draft
from services.web.service_layer.api import Api, Forbidden
from services.web.service_layer.community_figures import published
from services.web.service_layer.welfare_plan import adopt_plan, plan_overview, plan_version

__all__ = ["routes"]


def _school(person: SignedIn, school_id: str) -> PlanScope:
    return PlanScope(school_of(person, school_id))


def _provider(person: SignedIn) -> PlanScope:
    welfare_lead_only(person)
    return PlanScope()


def _editor(person: SignedIn, scope: PlanScope) -> None:
    if scope.school_id and not may_edit_plan(person):
        raise Forbidden(
            gettext("A school's welfare plan is adopted by its principal or the welfare lead.")
        )


def routes(pages: Pages) -> APIRouter:
    router = APIRouter()

    async def plan_page(request: Request, person: SignedIn, api: Api, scope: PlanScope) -> Response:
        overview = await plan_overview(api, scope)
        year = school_year()
        figures = await published(api, scope, year) if overview.current else None
        return pages.render(
            request,
            "community/plan.html",
            scope=scope,
            overview=overview,
            plan=overview.current,
            figures=figures,
            value_of=lambda code: (
                figure(figures.tables, figures.statistics, code) if figures else None
            ),
            saved=request.query_params.get("saved", "").isdigit(),
            **community_words(person),
        )

    async def version_page(
        request: Request, person: SignedIn, api: Api, scope: PlanScope, raw: str
    ) -> Response:
        version = await plan_version(api, scope, version_of(raw))
        return pages.render(
            request,
            "community/plan_version.html",
            scope=scope,
            plan=version,
            **community_words(person),
        )

    def edit_page(
        request: Request, person: SignedIn, scope: PlanScope, draft: PlanDraft, refused: Refused
    ) -> Response:
        failed = bool(refused.errors or refused.unavailable or refused.conflict)
        return pages.render(
            request,
            "community/plan_edit.html",
            refused.status_code if failed else 200,
            scope=scope,
            draft=draft,
            refused=refused,
            errors=refused.errors,
            **community_words(person),
        )

    async def edit_form(request: Request, person: SignedIn, api: Api, scope: PlanScope) -> Response:
        _editor(person, scope)
        typed = take_draft(request)
        if typed is not None:
            draft = PlanDraft.of(typed)
        else:
            draft = PlanDraft.following((await plan_overview(api, scope)).current, today())
        return edit_page(request, person, scope, draft, Refused())

    async def adopt(
        request: Request, person: SignedIn, api: Api, scope: PlanScope, fields: Form
    ) -> Response:
        _editor(person, scope)
        draft = PlanDraft.of(fields_of(fields))
        if draft.more:
            return edit_page(request, person, scope, draft, Refused())
        body, problems = draft.parse()
        if body is None:
            return edit_page(request, person, scope, draft, checked(problems))
        adopted = await attempt(adopt_plan(api, scope, body), PLAN_FIELDS)
        if isinstance(adopted, Refused):
            return edit_page(request, person, scope, draft, adopted)
        return RedirectResponse(f"{scope.page}?saved={adopted.version}", status_code=303)

    @router.get("/community/{school_id}/plan")
    async def school_plan(
        school_id: str, request: Request, person: Person, api: PersonApi
    ) -> Response:
        return await plan_page(request, person, api, _school(person, school_id))

    @router.get("/community/{school_id}/plan/edit")
    async def school_plan_form(
        school_id: str, request: Request, person: Person, api: PersonApi
    ) -> Response:
        return await edit_form(request, person, api, _school(person, school_id))

    @router.post("/community/{school_id}/plan/edit")
    async def school_plan_adopt(
        school_id: str, request: Request, person: Person, api: PersonApi, form: Form
    ) -> Response:
        return await adopt(request, person, api, _school(person, school_id), form)

    @router.get("/community/{school_id}/plan/versions/{version}")
    async def school_plan_version(
        school_id: str, version: str, request: Request, person: Person, api: PersonApi
    ) -> Response:
        return await version_page(request, person, api, _school(person, school_id), version)

    @router.get("/provider/plan")
    async def provider_plan(request: Request, person: Person, api: PersonApi) -> Response:
        return await plan_page(request, person, api, _provider(person))

    @router.get("/provider/plan/edit")
    async def provider_plan_form(request: Request, person: Person, api: PersonApi) -> Response:
        return await edit_form(request, person, api, _provider(person))

    @router.post("/provider/plan/edit")
    async def provider_plan_adopt(
        request: Request, person: Person, api: PersonApi, form: Form
    ) -> Response:
        return await adopt(request, person, api, _provider(person), form)

    @router.get("/provider/plan/versions/{version}")
    async def provider_plan_version(
        version: str, request: Request, person: Person, api: PersonApi
    ) -> Response:
        return await version_page(request, person, api, _provider(person), version)

    return router
