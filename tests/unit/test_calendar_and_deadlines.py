"""§15 deadlines on the school calendar: weekends, Finnish public holidays, school breaks."""

from __future__ import annotations

from datetime import date

import pytest

from services.welfare_group.domain.calendar import Break, SchoolCalendar
from services.welfare_group.domain.case import discussion_deadline
from shared.contracts import Urgency

calendar = SchoolCalendar()


@pytest.mark.parametrize(
    ("requested_on", "due_on"),
    [
        (date(2026, 11, 23), date(2026, 12, 2)),  # Monday: 7 school days later, a Wednesday
        (date(2026, 11, 27), date(2026, 12, 8)),  # Friday: the weekend is not counted
        (date(2026, 11, 28), date(2026, 12, 8)),  # Saturday: counted from Monday
        (date(2026, 4, 1), date(2026, 4, 14)),  # Good Friday and Easter Monday skipped
        (date(2026, 5, 11), date(2026, 5, 21)),  # Ascension Day (Thursday 14 May) skipped
        (date(2026, 12, 18), date(2026, 12, 31)),  # Christmas Eve, Day, and Boxing Day skipped
        (date(2027, 6, 18), date(2027, 6, 30)),  # Midsummer Eve, Friday 25 June 2027, skipped
    ],
)
def test_routine_discussion_is_due_on_the_seventh_school_day(
    requested_on: date, due_on: date
) -> None:
    assert discussion_deadline(requested_on, Urgency.ROUTINE, calendar) == due_on


@pytest.mark.parametrize(
    ("requested_on", "due_on"),
    [
        (date(2026, 11, 23), date(2026, 11, 24)),  # Monday: the next working day
        (date(2026, 11, 27), date(2026, 11, 30)),  # Friday: Monday
        (date(2026, 12, 4), date(2026, 12, 7)),  # Independence Day falls on Sunday 6.12.2026
        (date(2025, 12, 5), date(2025, 12, 8)),  # 6.12.2025 is a Saturday
        (date(2026, 10, 30), date(2026, 11, 2)),  # All Saints' Day is a Saturday in Finland
    ],
)
def test_urgent_discussion_is_due_the_next_working_day(requested_on: date, due_on: date) -> None:
    assert discussion_deadline(requested_on, Urgency.URGENT, calendar) == due_on


def test_school_breaks_are_not_school_days() -> None:
    autumn = Break("autumn break", date(2026, 10, 19), date(2026, 10, 23))
    with_break = SchoolCalendar([autumn])
    assert not with_break.is_school_day(date(2026, 10, 19))
    assert with_break.is_working_day(date(2026, 10, 19))
    # The urgent limit is in working days: the autumn break does not postpone it (§15).
    assert discussion_deadline(date(2026, 10, 16), Urgency.URGENT, with_break) == date(2026, 10, 19)
    assert discussion_deadline(date(2026, 10, 16), Urgency.URGENT, calendar) == date(2026, 10, 19)


SUMMER_2027 = Break("summer break", date(2027, 6, 1), date(2027, 8, 10))
CHRISTMAS_2026 = Break("Christmas break", date(2026, 12, 21), date(2027, 1, 6))


@pytest.mark.parametrize(
    ("requested_on", "breaks", "due_on"),
    [
        # The example: Monday 31 May 2027, the summer break from 1 June.
        (date(2027, 5, 31), [SUMMER_2027], date(2027, 6, 1)),
        # Friday 18 December 2026, the Christmas break from Monday 21: that Monday.
        (date(2026, 12, 18), [CHRISTMAS_2026], date(2026, 12, 21)),
        # Wednesday 23 December, in the break: Christmas Eve, Day and Boxing Day are
        # public holidays, the weekend follows: Monday 28 December, still in the break.
        (date(2026, 12, 23), [CHRISTMAS_2026], date(2026, 12, 28)),
        # Thursday 25 March 2027, before Good Friday (26 March) and Easter Monday (29 March).
        (date(2027, 3, 25), [], date(2027, 3, 30)),
        # Wednesday 5 May 2027, before Ascension Day (Thursday 6 May): Friday.
        (date(2027, 5, 5), [], date(2027, 5, 7)),
    ],
)
def test_urgent_is_the_next_working_day_whatever_the_school_breaks(
    requested_on: date, breaks: list[Break], due_on: date
) -> None:
    on_the_calendar = SchoolCalendar(breaks)
    assert discussion_deadline(requested_on, Urgency.URGENT, on_the_calendar) == due_on


def test_routine_across_a_break_still_skips_the_break() -> None:
    # Seven school days from Monday 31 May 2027: 1 June to 10 August are the break, so the
    # count runs from Wednesday 11 August 2027 (the 7th is Thursday 19 August).
    summer = SchoolCalendar([SUMMER_2027])
    assert discussion_deadline(date(2027, 5, 31), Urgency.ROUTINE, summer) == date(2027, 8, 19)
    christmas = SchoolCalendar([CHRISTMAS_2026])
    # Friday 18 December 2026: 7 January 2027 is the first school day, the 7th is 15 January.
    assert discussion_deadline(date(2026, 12, 18), Urgency.ROUTINE, christmas) == date(2027, 1, 15)


def test_a_break_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="ends before it starts"):
        Break("nonsense", date(2026, 10, 23), date(2026, 10, 19))


def test_holidays_are_the_finnish_ones_across_years() -> None:
    for holiday in (date(2025, 4, 18), date(2027, 3, 26), date(2028, 5, 25), date(2026, 1, 6)):
        assert not calendar.is_school_day(holiday), holiday
    assert calendar.is_school_day(date(2026, 11, 23))
