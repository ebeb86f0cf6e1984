"""What the operations console's pages share: the administrator's only, and numbers and
durations as the person's language writes them."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from babel.dates import format_timedelta
from babel.numbers import format_decimal
from fastapi import Depends

from services.web.domain.person import SignedIn
from services.web.entrypoints.i18n import current_language, gettext
from services.web.entrypoints.pages import Pages
from services.web.entrypoints.people import require_person
from services.web.service_layer.api import Forbidden
from shared.contracts import Role

__all__ = ["Administrator", "duration", "number", "with_helpers"]


async def require_administrator(person: SignedIn = Depends(require_person)) -> SignedIn:
    """Refused before any service is asked: the console is the administrator's."""
    if person.role is not Role.ADMINISTRATOR:
        raise Forbidden(
            gettext("The operations console is the administrator's: it runs the platform.")
        )
    return person


Administrator = Annotated[SignedIn, Depends(require_administrator)]


def number(value: float | None) -> str:
    if value is None:
        return gettext("not known")
    return format_decimal(value, "#,##0.#", locale=current_language())


def duration(seconds: float | None) -> str:
    """12 s, 3 min, 2 h: as long as it is, in the person's language."""
    if seconds is None:
        return gettext("not known")
    if seconds < 1:
        return format_timedelta(timedelta(0), format="short", locale=current_language())
    return format_timedelta(
        timedelta(seconds=seconds), format="short", threshold=1.5, locale=current_language()
    )


def with_helpers(pages: Pages) -> None:
    pages.env.globals.setdefault("number", number)
    pages.env.globals.setdefault("duration", duration)
