"""Rendering a page: the template, plus what every page needs (the person, the language,
the navigation, the CSRF token, the session's timers)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from services.web.domain.languages import language_names
from services.web.domain.person import Area, SignedIn
from services.web.domain.words import N_
from services.web.entrypoints.i18n import (
    current_language,
    gettext,
    template_gettext,
    template_ngettext,
)
from services.web.entrypoints.people import signed_in
from services.web.entrypoints.sessions import session_of
from shared.contracts import Role

__all__ = ["N_", "ROLE_LABELS", "Pages"]

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


AREA_LABELS: dict[Area, str] = {
    Area.INBOX: N_("Inbox"),
    Area.CASES: N_("My cases"),
    Area.SCHOOL: N_("The school"),
    Area.CONCERNS: N_("Concerns"),
    Area.FAMILY: N_("Our cases"),
    Area.ACCESS_LOG: N_("Who has seen our data"),
    Area.OPERATIONS: N_("Operations"),
    Area.COMMUNITY: N_("School community"),
    Area.PROVIDER: N_("All schools"),
}


ROLE_LABELS: dict[Role, str] = {
    Role.TEACHER: N_("teacher"),
    Role.SPECIAL_NEEDS_TEACHER: N_("special needs teacher"),
    Role.COUNSELLOR: N_("study counsellor"),
    Role.PRINCIPAL: N_("principal"),
    Role.NURSE: N_("school nurse"),
    Role.PSYCHOLOGIST: N_("psychologist"),
    Role.KURAATTORI: N_("kuraattori"),
    Role.GUARDIAN: N_("guardian"),
    Role.STUDENT: N_("student"),
    Role.ADMINISTRATOR: N_("administrator"),
    Role.SERVICE_SUPERVISOR: N_("service supervisor"),
    Role.WELFARE_LEAD: N_("welfare lead"),
}


class Pages:
    def __init__(self, *, idle_s: int, warning_s: int, templates: Path = TEMPLATES) -> None:
        self.env = Environment(
            loader=FileSystemLoader(templates),
            autoescape=select_autoescape(("html",)),
            undefined=StrictUndefined,  # a misspelt variable fails the test, not the page
            extensions=["jinja2.ext.i18n"],
        )
        self.env.install_gettext_callables(template_gettext, template_ngettext, newstyle=True)  # type: ignore[attr-defined]
        self.env.globals.update(
            area_label=lambda area: gettext(AREA_LABELS[area]),
            role_name=lambda role: gettext(ROLE_LABELS[Role(role)]),
        )
        self._timers = {"idle_s": idle_s, "warning_s": warning_s}

    def render(
        self, request: Request, template: str, status_code: int = 200, **context: Any
    ) -> HTMLResponse:
        person: SignedIn | None = signed_in(request)
        page = {
            "request": request,
            "person": person,
            "lang": current_language(),
            "languages": language_names(),
            "path": request.url.path,
            "here": _here(request),
            "csrf_token": session_of(request).csrf_token if person else "",
            **self._timers,
            **context,
        }
        html = self.env.get_template(template).render(page)
        return HTMLResponse(html, status_code=status_code)


def _here(request: Request) -> str:
    query = request.url.query
    return f"{request.url.path}?{query}" if query else request.url.path
