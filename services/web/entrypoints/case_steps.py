"""A case step as a form: its own page (``GET``, where a draft or a stale form comes back)
and taking it (``POST``), at ``/cases/{case_id}/steps/<the step's path>``.

Only a declared step is one: a path the welfare group does not declare, or one whose item
is not a UUID, is no page, and no service is asked to take it. A refusal shows the rule and
what to do instead; an invalid form shows each message beside its field; either way what
was typed stays in the form.
"""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from services.web.domain.step_forms import StepForm
from services.web.domain.step_input import Parsed, Typed, parse_step
from services.web.entrypoints.case_pages import case_id_of
from services.web.entrypoints.forms import Form
from services.web.entrypoints.i18n import gettext as translate
from services.web.entrypoints.local_time import today
from services.web.entrypoints.pages import Pages
from services.web.entrypoints.people import Person, PersonApi, take_draft
from services.web.service_layer.api import Api, Conflict, Invalid, NotFound, Service
from services.web.service_layer.cases import CaseCard
from services.web.service_layer.steps import StepCatalogue, take_step

__all__ = ["routes"]

# The shape of a step's path: a few words, or words / an item's UUID / words.
_SHAPE = re.compile(r"^[a-z][a-z0-9-]{0,40}(?:/[0-9a-fA-F-]{36}/[a-z][a-z0-9-]{0,40})?$")


def routes(pages: Pages, catalogue: StepCatalogue) -> APIRouter:
    router = APIRouter()

    async def step_of(api: Api, step: str) -> tuple[StepForm, str | None]:
        if not _SHAPE.fullmatch(step):
            raise NotFound("no such step")
        found = await catalogue.find(api, step)
        if found is None:
            raise NotFound("no such step")
        return found

    async def page(
        request: Request,
        api: Api,
        case_id: UUID,
        step: tuple[StepForm, str | None],
        *,
        typed: Typed,
        errors: dict[str, str] | None = None,
        conflict: Conflict | None = None,
        status_code: int = 200,
    ) -> Response:
        case = await api.get(Service.WELFARE_GROUP, f"/cases/{case_id}")
        form, item_id = step
        return pages.render(
            request, "cases/step.html", status_code,
            card=CaseCard.of(case, today()), form=form, item_id=item_id,
            typed=typed, errors=errors or {}, conflict=conflict,
            known={f.name for f in form.fields},
        )  # fmt: skip

    @router.get("/cases/{case_id}/steps/{step:path}")
    async def show(
        request: Request, case_id: str, step: str, person: Person, api: PersonApi
    ) -> Response:
        which = case_id_of(case_id)
        found = await step_of(api, step)
        return await page(request, api, which, found, typed=take_draft(request) or {})

    @router.post("/cases/{case_id}/steps/{step:path}")
    async def take(
        request: Request, case_id: str, step: str, form: Form, person: Person, api: PersonApi
    ) -> Response:
        which = case_id_of(case_id)
        found = await step_of(api, step)
        step_form, item_id = found
        typed = _typed(form)
        more = typed.pop("add_row", [""])[0]
        if more:  # another row asked for: the form again, one row longer, nothing sent
            shown = (typed.get(f"rows.{more}") or ["0"])[0]
            typed[f"rows.{more}"] = [str(int(shown) + 1 if shown.isdigit() else 0)]
            return await page(request, api, which, found, typed=typed)
        parsed = parse_step(step_form, typed)
        if parsed.problems:
            errors = {n: translate(p.message, **p.values) for n, p in parsed.problems.items()}
            return await page(request, api, which, found, typed=typed, errors=errors,
                              status_code=422)  # fmt: skip
        try:
            await take_step(api, which, step_form, item_id, parsed.body)
        except Invalid as invalid:
            return await page(request, api, which, found, typed=typed,
                              errors=_beside(parsed, invalid), status_code=422)  # fmt: skip
        except Conflict as refused:
            return await page(request, api, which, found, typed=typed, conflict=refused,
                              status_code=409)  # fmt: skip
        return RedirectResponse(f"/cases/{which}?done={step_form.path}#done", status_code=303)

    return router


def _typed(form: FormData) -> Typed:
    typed: dict[str, list[str]] = {}
    for name, value in form.multi_items():
        if name != "csrf_token" and isinstance(value, str):
            typed.setdefault(name, []).append(value)
    return typed


def _beside(parsed: Parsed, invalid: Invalid) -> dict[str, str]:
    """Each of the service's messages beside the form's field it names; one it names no
    field for goes at the top."""
    errors: dict[str, Any] = {}
    for problem in invalid.errors:
        errors.setdefault(parsed.form_name(problem.field), translate(problem.message))
    if not errors:
        errors[""] = translate(invalid.detail)
    return errors
