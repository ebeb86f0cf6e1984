"""School working days: the unit in which the law's deadlines are counted (§15).

A school working day is a weekday that is neither a Finnish public holiday nor one of the
school's own breaks (autumn, Christmas, winter, summer), which each school configures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import holidays

__all__ = ["Break", "SchoolCalendar"]


@dataclass(frozen=True)
class Break:
    name: str
    first_day: date
    last_day: date

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValueError(f"break {self.name!r} ends before it starts")

    def covers(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day


class SchoolCalendar:
    def __init__(self, breaks: Iterable[Break] = ()) -> None:
        self._breaks = tuple(breaks)
        # The maintained holiday library knows the movable feasts (Easter, Ascension,
        # Midsummer, All Saints' Day); hand-written dates would rot within a year.
        self._public_holidays = holidays.country_holidays("FI")

    def is_school_day(self, day: date) -> bool:
        return (
            day.weekday() < 5
            and day not in self._public_holidays
            and not any(b.covers(day) for b in self._breaks)
        )

    def school_day_after(self, day: date, n: int) -> date:
        """The ``n``th school day after ``day`` (``day`` itself not counted)."""
        if n < 1:
            raise ValueError("n must be at least 1")
        current, counted = day, 0
        while counted < n:
            current += timedelta(days=1)
            if self.is_school_day(current):
                counted += 1
        return current

    def school_day_before(self, day: date) -> date:
        current = day - timedelta(days=1)
        while not self.is_school_day(current):
            current -= timedelta(days=1)
        return current

    def first_school_day_from(self, day: date) -> date:
        """``day`` itself if the school works on it, else the next school day."""
        return day if self.is_school_day(day) else self.school_day_after(day, 1)
