"""The family's screens: a guardian's children (the ID token's ``student_refs``) or a
student's own matters, their requests for a discussion, the record, consent answered item
by item and withdrawn, and who has seen their data.

A student or a guardian opens only their own students' pages: anything else is refused
here, before any call (the services, checking the token, would refuse it too), and an
address no service could name (a case id that is no UUID, a reference with a slash) is
not found, without a call.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import AwareDatetime

from services.web.domain.family import family_refs, is_case_id, is_ref
from services.web.domain.family_consent import STALE, parse_answer
from services.web.domain.family_discussion import parse_discussion
from services.web.domain.person import SignedIn
from services.web.entrypoints.family_pages import FamilyPages
from services.web.entrypoints.forms import Form
from services.web.entrypoints.i18n import gettext
from services.web.entrypoints.pages import Pages
from services.web.entrypoints.people import Person, PersonApi, take_draft
from services.web.service_layer import family as use
from services.web.service_layer.api import Conflict, Forbidden, Invalid, NotFound
from services.web.service_layer.family_log import access_log, access_logs
from services.web.service_layer.family_record import record_of
from shared.contracts import Role

__all__ = ["routes"]


def _family(person: SignedIn) -> None:
    if person.role not in (Role.GUARDIAN, Role.STUDENT):
        raise Forbidden(gettext("These pages are for students and their guardians."))


def _student(person: SignedIn, ref: str) -> str:
    _family(person)
    if not is_ref(ref):
        raise HTTPException(404)
    if ref not in family_refs(person):
        # Refused here without a call; the services, checking the token, would refuse too.
        raise Forbidden(gettext("Your sign-in does not name this student as yours."))
    return ref


def _case_id(person: SignedIn, case_id: str) -> str:
    _family(person)
    if not is_case_id(case_id):
        raise HTTPException(404)
    return case_id


def _fields(form: object) -> dict[str, list[str]]:
    typed: dict[str, list[str]] = {}
    for name, value in form.multi_items():  # type: ignore[attr-defined]
        if name != "csrf_token" and isinstance(value, str):
            typed.setdefault(name, []).append(value)
    return typed


# A POST takes ``form`` before ``person``: signed out, the form keeps what was typed as a
# draft before the sign-in redirect; asked for ``person`` first, it would be lost.


def routes(pages: Pages) -> APIRouter:
    router = APIRouter()
    show = FamilyPages(pages)

    @router.get("/family")
    async def family(request: Request, person: Person, api: PersonApi) -> Response:
        _family(person)
        return show.overview(request, await use.overview(api, person))

    @router.get("/family/students/{ref}/discussion-requests")
    async def discussion(request: Request, ref: str, person: Person) -> Response:
        ref = _student(person, ref)
        return show.discussion(request, person, ref, take_draft(request) or {}, {})

    @router.post("/family/students/{ref}/discussion-requests")
    async def ask(
        request: Request, ref: str, form: Form, person: Person, api: PersonApi
    ) -> Response:
        ref = _student(person, ref)
        typed = _fields(form)
        as_student = person.role is Role.STUDENT
        parsed, body = parse_discussion(typed, as_student=as_student, schools=person.school_ids)
        if body is None:
            return show.discussion(request, person, ref, typed, parsed.errors, status=422)
        try:
            await use.ask_for_discussion(api, ref, body)
        except Invalid as invalid:
            errors = {e.field.split(".")[0] or "text": e.message for e in invalid.errors}
            return show.discussion(
                request, person, ref, typed, errors or {"text": invalid.detail}, status=422
            )
        except Conflict as conflict:
            return show.discussion(request, person, ref, typed, {}, conflict=conflict, status=409)
        urgency = "urgent" if body["urgency"] == "urgent" else "routine"
        return RedirectResponse(f"{request.url.path}/sent?urgency={urgency}", status_code=303)

    @router.get("/family/students/{ref}/discussion-requests/sent")
    async def sent(request: Request, ref: str, person: Person) -> Response:
        ref = _student(person, ref)
        urgent = request.query_params.get("urgency") == "urgent"
        return show.sent(request, ref, urgent)

    @router.get("/family/students/{ref}/record")
    async def record(request: Request, ref: str, person: Person, api: PersonApi) -> Response:
        ref = _student(person, ref)
        return show.record(request, ref, await record_of(api, ref))

    @router.get("/family/access-log")
    async def seen(request: Request, person: Person, api: PersonApi) -> Response:
        _family(person)
        return show.access_log(request, await access_logs(api, family_refs(person)))

    @router.get("/family/students/{ref}/access-log")
    async def seen_one(
        request: Request,
        ref: str,
        person: Person,
        api: PersonApi,
        before: AwareDatetime | None = None,
    ) -> Response:
        ref = _student(person, ref)
        log = await access_log(api, ref, before=before)
        return show.access_log(request, [log], one=True, paged=before is not None)

    async def the_case(api: PersonApi, person: SignedIn, case_id: str) -> use.FamilyCase:
        case = await use.find_case(api, person, _case_id(person, case_id))
        if case is None:
            raise NotFound(case_id)
        return case

    @router.get("/family/cases/{case_id}/consent")
    async def consent(request: Request, case_id: str, person: Person, api: PersonApi) -> Response:
        case = await the_case(api, person, case_id)
        return show.consent(request, case, take_draft(request) or {}, {})

    @router.post("/family/cases/{case_id}/consent")
    async def answer(
        request: Request, case_id: str, form: Form, person: Person, api: PersonApi
    ) -> Response:
        case = await the_case(api, person, case_id)
        typed = _fields(form)
        asked = (typed.get("request_id") or [""])[0]
        chosen = [r for r in case.consent_requests if r.request_id == asked]
        if not chosen:  # a forged or stale request id: shown again, nothing sent
            return show.consent(request, case, typed, {"request": STALE}, status=422)
        errors, body = parse_answer(chosen[0], typed)
        if body is None:
            return show.consent(request, case, typed, errors, asked=asked, status=422)
        try:
            await use.answer_consent(api, case.case_id, body)
        except Conflict as conflict:
            return show.consent(request, case, typed, {}, conflict=conflict, status=409)
        except Invalid as invalid:
            return show.consent(request, case, typed, {"request": invalid.detail}, status=422)
        return RedirectResponse(f"/family/cases/{case.case_id}/consent/answered", 303)

    @router.get("/family/cases/{case_id}/consent/answered")
    async def answered(request: Request, case_id: str, person: Person, api: PersonApi) -> Response:
        return show.answered(request, await the_case(api, person, case_id))

    @router.get("/family/cases/{case_id}/consent/withdrawal")
    async def confirm(request: Request, case_id: str, person: Person, api: PersonApi) -> Response:
        return show.withdrawal(request, await the_case(api, person, case_id))

    @router.post("/family/cases/{case_id}/consent/withdrawal")
    async def withdraw(
        request: Request, case_id: str, form: Form, person: Person, api: PersonApi
    ) -> Response:
        case = await the_case(api, person, case_id)
        try:
            await use.withdraw_consent(api, case.case_id)
        except Conflict as conflict:
            return show.withdrawal(request, case, conflict=conflict, status=409)
        return show.withdrawal(request, case, done=True)

    return router
