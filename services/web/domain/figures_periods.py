"""Which school year a page asks for: a school year runs August to July and is named by
the year it starts (2026 = August 2026 to July 2027), as the communal service names it."""

from __future__ import annotations

from datetime import date

__all__ = ["FIRST_YEAR", "current_school_year", "month_day", "school_year_asked"]

# The platform keeps no figures from before it ran; earlier is a crafted address.
FIRST_YEAR = 2020


def current_school_year(today: date) -> int:
    return today.year if today.month >= 8 else today.year - 1


def school_year_asked(text: str | None, today: date) -> int | None:
    """The year asked for; the current one if none; None if it is no sane school year
    (not digits, before the platform, or later than the one just starting)."""
    if text is None or text == "":
        return current_school_year(today)
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        return None
    year = int(text)
    return year if FIRST_YEAR <= year <= current_school_year(today) + 1 else None


def month_day(month: str) -> date:
    """A month key ("2026-08") as the first day of that month, for formatting."""
    year, number = month.split("-")
    return date(int(year), int(number), 1)
