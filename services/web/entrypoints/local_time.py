"""Dates and times as the person's language writes them, in the schools' own time zone."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_time

from services.web.domain.words import SCHOOL_TIME
from services.web.entrypoints.i18n import current_language

__all__ = ["day", "day_and_time", "today"]


def day(value: date | datetime | None, style: str = "medium") -> str:
    """The day, as it was at the schools (a moment at 00:16 in Helsinki is that day there)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(SCHOOL_TIME).date()
    return format_date(value, style, locale=current_language())


def day_and_time(value: datetime) -> str:
    local = value.astimezone(SCHOOL_TIME)
    time = format_time(local, "short", locale=current_language())
    return f"{day(local)} {time}"


def today() -> date:
    """Today at the schools (a deadline passes at their midnight, not UTC's)."""
    return datetime.now(SCHOOL_TIME).date()
