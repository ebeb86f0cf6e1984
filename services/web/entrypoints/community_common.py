"""What the community screens share: who may open them (the communal service decides for
real; this hides what it would refuse and says why), ids from the URL checked before any
call, and the school year a page's figures are for."""

from __future__ import annotations

from uuid import UUID

from fastapi import HTTPException
from pydantic import TypeAdapter, ValidationError
from starlette.datastructures import FormData

from services.web.domain.community_forms import Fields
from services.web.domain.community_words import (
    COMMUNITY_ROLES,
    PLAN_EDITORS,
)
from services.web.domain.person import SignedIn
from services.web.entrypoints.i18n import gettext
from services.web.entrypoints.local_time import today
from services.web.service_layer.api import Forbidden
from shared.contracts import Identifier, Role

__all__ = [
    "community_roles_only",
    "fields_of",
    "may_edit_plan",
    "meeting_id_of",
    "school_of",
    "school_year",
    "version_of",
    "welfare_lead_only",
]

_IDENTIFIER: TypeAdapter[str] = TypeAdapter(Identifier)
_MAX_VERSION = 1_000_000


def community_roles_only(person: SignedIn) -> None:
    if person.role not in COMMUNITY_ROLES:
        raise Forbidden(
            gettext(
                "The school community's pages are for its communal welfare group: the "
                "principal, the welfare staff and the education provider's welfare lead."
            )
        )


def school_of(person: SignedIn, school_id: str) -> str:
    """The school of the URL, checked: a crafted id never reaches the service (404), and
    a school the person's sign-in does not name is refused before it is asked (403)."""
    community_roles_only(person)
    try:
        _IDENTIFIER.validate_python(school_id)
    except ValidationError:
        raise HTTPException(404) from None
    if school_id not in person.school_ids:
        raise Forbidden(gettext("Your sign-in does not name this school as yours."))
    return school_id


def may_edit_plan(person: SignedIn) -> bool:
    return person.role in PLAN_EDITORS


def welfare_lead_only(person: SignedIn) -> None:
    if person.role is not Role.WELFARE_LEAD:
        raise Forbidden(
            gettext("The education provider's own welfare plan is kept by its welfare lead.")
        )


def meeting_id_of(raw: str) -> UUID:
    try:
        meeting_id = UUID(raw)
    except ValueError:
        raise HTTPException(404) from None
    if str(meeting_id) != raw.lower():
        raise HTTPException(404)  # only the id's own spelling, no {braces} or urn:uuid:
    return meeting_id


def version_of(raw: str) -> int:
    if not raw.isascii() or not raw.isdigit() or raw.startswith("0") or len(raw) > 7:
        raise HTTPException(404)
    version = int(raw)
    if version > _MAX_VERSION:
        raise HTTPException(404)
    return version


def school_year() -> int:
    """The school year running today (August to July): 2026 is Aug 2026 to Jul 2027."""
    now = today()
    return now.year if now.month >= 8 else now.year - 1


def fields_of(form: FormData) -> Fields:
    fields: dict[str, list[str]] = {}
    for name, value in form.multi_items():
        if isinstance(value, str):
            fields.setdefault(name, []).append(value)
    return fields
