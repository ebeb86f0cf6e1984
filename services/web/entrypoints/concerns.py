"""Screens: a staff member raises a concern on one page, and follows the ones they raised.

Every school staff role raises concerns (§16); the family and the administrator do not,
and are told why. Intake decides and logs each call; the page only says it in words.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from services.web.domain import concern_words as words
from services.web.domain.concerns import ConcernDraft, form_field, is_concern_id, is_key, parse
from services.web.domain.person import SignedIn
from services.web.entrypoints.forms import Form
from services.web.entrypoints.i18n import gettext
from services.web.entrypoints.local_time import day, day_and_time
from services.web.entrypoints.pages import Pages
from services.web.entrypoints.people import Person, PersonApi, take_draft
from services.web.service_layer import concerns
from services.web.service_layer.api import Forbidden, Invalid
from shared.contracts import STAFF_ROLES

__all__ = ["routes"]

NEW = "/concerns/new"


def _staff_only(person: SignedIn) -> None:
    if person.role not in STAFF_ROLES:
        raise Forbidden(
            gettext(
                "Concerns are raised by the school's staff. A student or a guardian can ask "
                "for a discussion with the school's psychologist or kuraattori instead."
            )
        )


def _fields(form: FormData) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for name, value in form.multi_items():
        if isinstance(value, str):
            fields.setdefault(name, []).append(value)
    return fields


def _status_label(status: str) -> str:
    return gettext(words.STATUSES[status]) if status in words.STATUSES else status


def _vocabulary() -> dict[str, Any]:
    """The form's and the list's words, translated for this request."""
    duty = {c.value for c in words.CHILD_WELFARE_CATEGORIES}
    labels = {c.value: gettext(label) for c, (label, _hint) in words.CATEGORIES.items()}
    return {
        "categories": [
            (c.value, gettext(label), gettext(hint))
            for c, (label, hint) in words.CATEGORIES.items()
        ],
        "urgencies": [
            (u.value, gettext(label), gettext(hint)) for u, (label, hint) in words.URGENCIES.items()
        ],
        "grounds": [(g.value, gettext(label), None) for g, label in words.HOLD_GROUNDS.items()],
        "categories_text": lambda chosen: ", ".join(labels.get(c, c) for c in chosen),
        "status_label": _status_label,
        "welfare_duty": lambda chosen: bool(set(chosen) & duty),
        "day": day,
        "day_and_time": day_and_time,
    }


def routes(pages: Pages) -> APIRouter:
    router = APIRouter()

    def form_page(
        request: Request,
        person: SignedIn,
        draft: ConcernDraft,
        errors: dict[str, str] | None = None,
        status_code: int = 200,
    ) -> Response:
        if not person.school_ids:
            return pages.render(request, "concerns/no_school.html", 403)
        key = draft.idempotency_key if is_key(draft.idempotency_key) else str(uuid4())
        return pages.render(
            request,
            "concerns/new.html",
            status_code,
            draft=draft,
            key=key,
            errors=errors or {},
            schools=list(person.school_ids),
            school_options=[(s, s) for s in person.school_ids],
            **_vocabulary(),
        )

    @router.get(NEW)
    async def new_concern(request: Request, person: Person) -> Response:
        _staff_only(person)
        draft = ConcernDraft.of(take_draft(request) or {})
        return form_page(request, person, draft)

    @router.post(NEW)
    async def send_concern(
        request: Request, person: Person, api: PersonApi, form: Form
    ) -> Response:
        _staff_only(person)
        draft = ConcernDraft.of(_fields(form))
        if not person.school_ids:
            return form_page(request, person, draft)
        body, problems = parse(draft, person.school_ids)
        if body is None:
            errors = {name: gettext(message) for name, message in problems.items()}
            return form_page(request, person, draft, errors, 422)
        key = draft.idempotency_key if is_key(draft.idempotency_key) else str(uuid4())
        try:
            concern_id = await concerns.raise_concern(api, body, key)
        except Invalid as refused:
            if not refused.errors:
                # The key already raised another concern (a form sent, then changed and sent
                # again): that one stands; this form gets a new key, to send as a new one.
                fresh = ConcernDraft(**{**vars(draft), "idempotency_key": str(uuid4())})
                message = gettext(
                    "This form was already sent as another concern (see your "
                    "concerns). To raise this one as well, send it again."
                )
                return form_page(request, person, fresh, {"form": message}, 409)
            errors = {}
            for error in refused.errors:
                errors.setdefault(form_field(error.field), error.message)
            return form_page(request, person, draft, errors, 422)
        return RedirectResponse(f"/concerns?raised={concern_id}", status_code=303)

    @router.get("/concerns")
    async def my_concerns(request: Request, person: Person, api: PersonApi) -> Response:
        _staff_only(person)
        rows = await concerns.my_concerns(api)
        asked = request.query_params.get("raised", "")
        raised = next(
            (r for r in rows if is_concern_id(asked) and r.concern_id == UUID(asked)), None
        )
        return pages.render(
            request,
            "concerns/list.html",
            rows=rows,
            raised=raised,
            schools_shown=len(person.school_ids) > 1,
            **_vocabulary(),
        )

    @router.get("/concerns/{concern_id}")
    async def one_concern(
        concern_id: str, person: Person, request: Request, api: PersonApi
    ) -> Response:
        _staff_only(person)
        if not is_concern_id(concern_id):
            raise HTTPException(404)  # a crafted path never reaches intake
        seen = await concerns.concern_status(api, UUID(concern_id))
        return pages.render(request, "concerns/status.html", concern=seen, **_vocabulary())

    return router
