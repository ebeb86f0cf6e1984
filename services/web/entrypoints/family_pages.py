"""The family's pages rendered: each template with what it shows and the words for the
services' codes, dates as the reader's language writes them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from babel.dates import format_datetime
from fastapi import Request
from fastapi.responses import HTMLResponse

from services.web.domain import family_log, family_words
from services.web.domain.family_discussion import PROFESSIONALS
from services.web.domain.person import SignedIn
from services.web.domain.words import SCHOOL_TIME
from services.web.entrypoints.i18n import current_language, gettext
from services.web.entrypoints.local_time import day
from services.web.entrypoints.pages import ROLE_LABELS, Pages
from services.web.service_layer.api import Conflict
from services.web.service_layer.family import Child, FamilyCase
from services.web.service_layer.family_log import AccessLogView
from services.web.service_layer.family_record import RecordCase
from shared.contracts import Role

__all__ = ["FamilyPages"]


def _day(value: date | datetime | None) -> str:
    return day(value, "long")


def _moment(value: datetime) -> str:
    return format_datetime(value, format="medium", tzinfo=SCHOOL_TIME, locale=current_language())


def _words(codes: Mapping[str, str], code: str | None) -> str:
    return gettext(codes[code]) if code is not None and code in codes else (code or "")


_WORDS = {
    "day": _day,
    "moment": _moment,
    "status_of": lambda c: _words(family_words.STATUSES, c),
    "category_of": lambda c: _words(family_words.CATEGORIES, c),
    "does": lambda r: _words(family_words.PROFESSIONS_DO, r),
    "decision_of": lambda d: _words(family_words.DECISIONS, d),
    "service_of": lambda s: _words(family_log.SERVICES, s),
    "basis_of": lambda b: _words(family_log.BASES, b),
    "register_of": lambda r: _words(family_log.REGISTERS, r),
    "use_of": lambda e: gettext(family_log.what_of(e)),
    "profession_of": lambda r: _profession(r),
}


def _profession(role: str | None) -> str:
    try:
        return gettext(ROLE_LABELS[Role(role)]) if role else ""
    except ValueError:
        return role or ""


def _who(case: FamilyCase, field: str) -> str:
    """A consent item in words, for its error message: the professional and their id."""
    for asked in case.consent_requests:
        for item in asked.items:
            if item.field == field:
                return f"{_profession(item.role)} {item.item}" if item.role else item.item
    return field


class FamilyPages:
    def __init__(self, pages: Pages) -> None:
        self._pages = pages

    def _render(
        self, request: Request, template: str, status: int = 200, **context: Any
    ) -> HTMLResponse:
        return self._pages.render(request, f"family/{template}", status, **_WORDS, **context)

    def overview(self, request: Request, children: Sequence[Child]) -> HTMLResponse:
        return self._render(request, "overview.html", children=children)

    def discussion(
        self,
        request: Request,
        person: SignedIn,
        ref: str,
        typed: Mapping[str, Sequence[str]],
        errors: Mapping[str, str],
        *,
        conflict: Conflict | None = None,
        status: int = 200,
    ) -> HTMLResponse:
        return self._render(
            request, "discussion.html", status, ref=ref, typed=typed,
            errors={k: gettext(v) for k, v in errors.items()}, conflict=conflict,
            as_student=person.role is Role.STUDENT, schools=person.school_ids,
            school_choices=[(s, s, None) for s in person.school_ids],
            professionals_hints=[
                (p, gettext(family_words.WITH[p]), gettext(family_words.WITH_DOES[p]))
                for p in PROFESSIONALS
            ],
            urgency_choices=[
                ("routine", gettext(family_words.NOT_URGENT), None),
                ("urgent", gettext(family_words.URGENT), gettext(family_words.URGENT_HINT)),
            ],
            categories=[(c, gettext(w), None) for c, w in family_words.CATEGORIES.items()],
        )  # fmt: skip

    def sent(self, request: Request, ref: str, urgent: bool) -> HTMLResponse:
        return self._render(request, "sent.html", ref=ref, urgent=urgent)

    def record(self, request: Request, ref: str, cases: Sequence[RecordCase]) -> HTMLResponse:
        return self._render(request, "record.html", ref=ref, cases=cases)

    def access_log(
        self,
        request: Request,
        logs: Sequence[AccessLogView],
        *,
        one: bool = False,
        paged: bool = False,
    ) -> HTMLResponse:
        return self._render(request, "access_log.html", logs=logs, one=one, paged=paged)

    def consent(
        self,
        request: Request,
        case: FamilyCase,
        typed: Mapping[str, Sequence[str]],
        errors: Mapping[str, str],
        *,
        asked: str | None = None,
        conflict: Conflict | None = None,
        status: int = 200,
    ) -> HTMLResponse:
        return self._render(
            request, "consent.html", status, case=case, typed=typed, asked=asked,
            errors={k: gettext(v, who=_who(case, k)) for k, v in errors.items() if k != "request"},
            stale=gettext(errors["request"]) if "request" in errors else None, conflict=conflict,
        )  # fmt: skip

    def answered(self, request: Request, case: FamilyCase) -> HTMLResponse:
        return self._render(request, "answered.html", case=case)

    def withdrawal(
        self,
        request: Request,
        case: FamilyCase,
        *,
        conflict: Conflict | None = None,
        done: bool = False,
        status: int = 200,
    ) -> HTMLResponse:
        return self._render(
            request, "withdrawal.html", status, case=case, conflict=conflict, done=done
        )
