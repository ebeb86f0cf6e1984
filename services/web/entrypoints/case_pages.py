"""What the inbox and case screens share: whose the screens are, ids from the URL checked
before any service sees them, and dates as the person's language writes them."""

from __future__ import annotations

import re
from datetime import date, datetime
from uuid import UUID

from babel.dates import format_datetime

from services.web.domain.person import SignedIn
from services.web.domain.words import SCHOOL_TIME
from services.web.entrypoints.i18n import current_language
from services.web.entrypoints.local_time import day
from services.web.service_layer.api import NotFound

__all__ = ["case_id_of", "own_id", "when", "when_text"]

_IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{1,63}$")  # shared.contracts.Identifier


def own_id(person: SignedIn) -> str:
    """The signed-in person's own id, as the services' paths take it."""
    if not _IDENTIFIER.fullmatch(person.subject):
        raise NotFound("the signed-in person's id is not one the services know")
    return person.subject


def case_id_of(text: str) -> UUID:
    """A case id from the URL: a UUID, or no such page (and no service is asked)."""
    if len(text) != 36:
        raise NotFound("no such case")
    try:
        return UUID(text)
    except ValueError:
        raise NotFound("no such case") from None


def when(value: date | datetime | None, style: str = "medium") -> str:
    """A day, or a moment at the school's local time, as the person's language writes it."""
    if value is None:
        return ""
    language = current_language()
    if isinstance(value, datetime):
        return format_datetime(value, "short", tzinfo=SCHOOL_TIME, locale=language)
    return day(value, style)


def when_text(text: str) -> str:
    """A day or a moment as the API writes it, as ``when`` shows it; else as it is."""
    try:
        value: date | datetime = (
            date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
        )
    except ValueError:
        return text
    return when(value)
