"""The school year (August-July), its terms, and an event's month in the schools' time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from services.communal.domain.periods import SchoolYear, Term, month_of


def test_a_school_year_runs_from_august_to_july() -> None:
    year = SchoolYear(2026)
    assert year.months[0] == "2026-08"
    assert year.months[-1] == "2027-07"
    assert len(year.months) == 12
    assert year.columns[-3:] == ["autumn", "spring", "year"]


def test_autumn_is_august_to_december_and_spring_the_rest() -> None:
    year = SchoolYear(2026)
    assert year.months_of(Term.AUTUMN) == ["2026-08", "2026-09", "2026-10", "2026-11", "2026-12"]
    assert year.months_of(Term.SPRING)[0] == "2027-01"
    assert year.term_of("2027-07") is Term.SPRING
    with pytest.raises(ValueError):
        year.term_of("2027-08")


@pytest.mark.parametrize(
    ("month", "start"), [("2026-08", 2026), ("2026-12", 2026), ("2027-01", 2026), ("2027-07", 2026)]
)
def test_a_month_belongs_to_one_school_year(month: str, start: int) -> None:
    assert SchoolYear.of_month(month) == SchoolYear(start)
    assert month in SchoolYear(start)
    assert month not in SchoolYear(start + 1)


def test_the_month_is_the_schools_own() -> None:
    # 22:30 UTC on 31 August is 01:30 on 1 September in Helsinki (summer time, +3).
    assert month_of(datetime(2026, 8, 31, 22, 30, tzinfo=UTC)) == "2026-09"
    assert month_of(datetime(2026, 8, 31, 20, 59, tzinfo=UTC)) == "2026-08"
    # Winter time (+2): the last hour of the year in Helsinki is still December.
    assert month_of(datetime(2026, 12, 31, 23, 30, tzinfo=timezone(timedelta(hours=2)))) == (
        "2026-12"
    )


def test_a_moment_without_a_zone_has_no_month() -> None:
    with pytest.raises(ValueError):
        month_of(datetime(2026, 9, 1, 12, 0))
