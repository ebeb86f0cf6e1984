"""Working days and school working days: the two units of the law's deadlines (§15).

§15 counts the 7-day limit in the school's working days ("oppilaitoksen työpäivä"): a
weekday that is neither a Finnish public holiday nor one of the school's own breaks
(autumn, Christmas, winter, summer), which each school configures. The urgent limit, "the
same or the next working day" ("työpäivä"), drops the school: weekends and public holidays
postpone it, school breaks do not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
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

    def is_working_day(self, day: date) -> bool:
        """A weekday that is no public holiday, whether or not the school is on a break."""
        return day.weekday() < 5 and day not in self._public_holidays

    def is_school_day(self, day: date) -> bool:
        return self.is_working_day(day) and not any(b.covers(day) for b in self._breaks)

    def working_day_after(self, day: date, n: int = 1) -> date:
        """The ``n``th working day after ``day``: the unit of the urgent limit (§15)."""
        return self._after(day, n, self.is_working_day)

    def school_day_after(self, day: date, n: int) -> date:
        """The ``n``th school day after ``day`` (``day`` itself not counted)."""
        return self._after(day, n, self.is_school_day)

    @staticmethod
    def _after(day: date, n: int, counts: Callable[[date], bool]) -> date:
        if n < 1:
            raise ValueError("n must be at least 1")
        current, counted = day, 0
        while counted < n:
            current += timedelta(days=1)
            if counts(current):
                counted += 1
        return current

    def school_days_between(self, start: date, end: date) -> int:
        """How many school days fall after ``start``, up to and including ``end``: the count
        ``school_day_after`` takes, so that the 7th school day after a request counts 7."""
        days = (end - start).days
        return sum(self.is_school_day(start + timedelta(days=n)) for n in range(1, days + 1))

    def school_day_before(self, day: date) -> date:
        return self._before(day, self.is_school_day)

    def working_day_before(self, day: date) -> date:
        return self._before(day, self.is_working_day)

    @staticmethod
    def _before(day: date, counts: Callable[[date], bool]) -> date:
        current = day - timedelta(days=1)
        while not counts(current):
            current -= timedelta(days=1)
        return current

    def first_school_day_from(self, day: date) -> date:
        """``day`` itself if the school works on it, else the next school day."""
        return day if self.is_school_day(day) else self.school_day_after(day, 1)
