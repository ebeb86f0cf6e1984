"""The welfare plan's dates: when it may be adopted, when it is reviewed (a year on unless
set otherwise), and the yearly reminder of that review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from services.communal.domain.refusals import Refused

if TYPE_CHECKING:  # a plan has dates; the dates need not know the plan
    from services.communal.domain.welfare_plan import PlanVersion

__all__ = ["Review", "a_year_on", "checked_dates", "review_status"]

# The Act (1287/2013) came into force on 1 August 2014: no plan under it is older.
EARLIEST = date(2014, 8, 1)
FURTHEST_AHEAD = timedelta(days=366)  # adopted later than a year from now: a mistyped year
LONGEST_CYCLE = timedelta(days=4 * 366)  # a review further on than this: a mistyped year


@dataclass(frozen=True)
class Review:
    """The yearly review reminder: ``days_left`` is negative once the review is overdue."""

    due_on: date
    days_left: int
    overdue: bool


def review_status(plan: PlanVersion, today: date) -> Review:
    due_on = plan.content.review_by
    return Review(due_on=due_on, days_left=(due_on - today).days, overdue=today > due_on)


def a_year_on(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February: the review falls on the last day of February
        return day.replace(year=day.year + 1, day=28)


def checked_dates(adopted_on: date, review_by: date | None, *, today: date) -> tuple[date, date]:
    """The adoption day and the review day, a year on unless set; refused if implausible."""
    if not EARLIEST <= adopted_on <= today + FURTHEST_AHEAD:
        raise Refused(
            ["adopted_on"], "implausible_date",
            f"A plan under the Act is adopted from {EARLIEST.isoformat()} on, and at most a "
            "year ahead: check the year.",
        )  # fmt: skip
    review_by = a_year_on(adopted_on) if review_by is None else review_by
    if review_by < adopted_on:
        raise Refused(
            ["review_by"], "review_before_adoption", "The plan is reviewed after it is adopted."
        )
    if review_by > adopted_on + LONGEST_CYCLE:
        raise Refused(
            ["review_by"], "implausible_date",
            "A review more than four years after adoption: check the year.",
        )  # fmt: skip
    return adopted_on, review_by
