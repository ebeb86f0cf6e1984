"""The school year and its parts, as the figures are published by.

A Finnish school year runs from August to July: ``SchoolYear(2026)`` is August 2026 to
July 2027, with an autumn term (August-December) and a spring term (January-July, the
summer holiday counted with spring so that every month belongs to exactly one term). A
month is keyed "YYYY-MM" and an event's month is taken in the schools' own time, so that a
concern raised at 00:30 on 1 September in Helsinki counts in September.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

__all__ = ["SCHOOL_TIME", "YEAR", "Column", "SchoolYear", "Term", "month_of"]

SCHOOL_TIME = ZoneInfo("Europe/Helsinki")
_FIRST_MONTH = 8  # August


class Term(StrEnum):
    AUTUMN = "autumn"
    SPRING = "spring"


# A column of a table: a month key, a term, or the whole year.
Column = str
YEAR: Column = "year"


def month_of(moment: datetime) -> str:
    """The "YYYY-MM" month of an aware moment, in the schools' time."""
    if moment.tzinfo is None:
        raise ValueError("a moment without a time zone has no month at the schools")
    local = moment.astimezone(SCHOOL_TIME)
    return f"{local.year:04d}-{local.month:02d}"


@dataclass(frozen=True, order=True)
class SchoolYear:
    """The school year that starts in August of ``start``."""

    start: int

    @classmethod
    def of_month(cls, month: str) -> SchoolYear:
        year, number = int(month[:4]), int(month[5:7])
        return cls(year if number >= _FIRST_MONTH else year - 1)

    @property
    def months(self) -> list[str]:
        """Its twelve months, August first."""
        keys = []
        for i in range(12):
            number = (_FIRST_MONTH - 1 + i) % 12 + 1
            year = self.start if number >= _FIRST_MONTH else self.start + 1
            keys.append(f"{year:04d}-{number:02d}")
        return keys

    def term_of(self, month: str) -> Term:
        if month not in self.months:
            raise ValueError(f"{month} is not in the school year {self.start}")
        return Term.AUTUMN if int(month[5:7]) >= _FIRST_MONTH else Term.SPRING

    def months_of(self, term: Term) -> list[str]:
        return [m for m in self.months if self.term_of(m) is term]

    @property
    def columns(self) -> list[Column]:
        """Every column a table has: the months, the terms, the year."""
        return [*self.months, Term.AUTUMN.value, Term.SPRING.value, YEAR]

    def __contains__(self, month: object) -> bool:
        return isinstance(month, str) and month in self.months
