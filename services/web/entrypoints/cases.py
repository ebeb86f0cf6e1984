"""Screens: the welfare group's cases (nurse, psychologist, kuraattori, special needs
teacher; the principal too, for a case nobody leads): the cases one leads, and each case's
workspace with every step of its work as a form (``case_steps``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.web.domain.person import Area
from services.web.domain.step_input import rows_shown
from services.web.domain.steps import ITEM_STEPS, grouped
from services.web.entrypoints import case_steps, step_guidance, step_labels
from services.web.entrypoints.case_labels import label
from services.web.entrypoints.case_pages import case_id_of, own_id, when, when_text
from services.web.entrypoints.local_time import today
from services.web.entrypoints.pages import N_, Pages
from services.web.entrypoints.people import Person, PersonApi
from services.web.service_layer.api import Forbidden
from services.web.service_layer.cases import my_cases, workspace
from services.web.service_layer.steps import StepCatalogue

__all__ = ["routes"]

_NOT_YOURS = N_(
    "Cases are led by the school's nurse, psychologist, kuraattori and special needs teacher."
)


def routes(pages: Pages) -> APIRouter:
    router = APIRouter()
    catalogue = StepCatalogue()  # this app's: read once from the welfare group
    pages.env.globals.update(
        when=when,
        when_text=when_text,
        case_label=label,
        step_label=step_labels.field_label,
        step_hint=step_labels.field_hint,
        step_text=step_labels.translated,
        step_guidance=step_guidance.guidance,
        guidance_in_english=step_guidance.guidance_in_english,
        hint_in_english=step_labels.hint_in_english,
        step_group=step_labels.group_label,
        step_options=step_labels.option_vocabulary,
        step_rows=rows_shown,
        in_english=step_labels.in_english,
    )

    @router.get("/cases")
    async def cases(request: Request, person: Person, api: PersonApi) -> Response:
        if Area.CASES not in person.areas:
            raise Forbidden(step_labels.translated(_NOT_YOURS))
        day = today()
        mine = await my_cases(api, own_id(person), day)
        return pages.render(request, "cases/list.html", cases=mine, today=day)

    @router.get("/cases/{case_id}")
    async def case(request: Request, case_id: str, person: Person, api: PersonApi) -> Response:
        which = case_id_of(case_id)
        seen = await workspace(api, which, today())
        forms = await catalogue.forms(api)
        done = forms.get(request.query_params.get("done", ""))
        context: dict[str, Any] = {
            "ws": seen,
            "groups": grouped(forms),
            "item_steps": {kind: forms.get(path) for path, kind in ITEM_STEPS.items()},
            "done": done,
            "typed": {},
            "errors": {},
        }
        return pages.render(request, "cases/case.html", **context)

    router.include_router(case_steps.routes(pages, catalogue))
    return router
