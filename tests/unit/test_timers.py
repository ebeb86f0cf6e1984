"""Which timers a case has, when they fire, and when firing them would no longer matter."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from services.welfare_group.domain import lifecycle as step
from services.welfare_group.domain.calendar import Break, SchoolCalendar
from services.welfare_group.domain.case_intake import open_case
from services.welfare_group.domain.record_content import DiscussionException, DiscussionRequester
from services.welfare_group.domain.rules import RuleViolation
from services.welfare_group.domain.timers import TimerKind, still_matters, timers_for
from shared.contracts import ConcernCategory, Role, StaffMember, Urgency
from tests.support.cases import PSYCHOLOGIST, START, TEACHER, measure, opened_case, with_group

HELSINKI = ZoneInfo("Europe/Helsinki")
CALENDAR = SchoolCalendar()


def at_eight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 8, tzinfo=HELSINKI)


def test_a_routine_case_is_reminded_the_school_morning_before_and_escalated_the_one_after() -> None:
    case = opened_case()  # opened Monday 23 November 2026, due the 7th school day: 2 December
    assert case.discussion_due_on == date(2026, 12, 2)
    approaching, breached = timers_for(case, CALENDAR, HELSINKI)
    assert approaching.kind is TimerKind.DEADLINE_APPROACHING
    assert approaching.fire_at == at_eight(date(2026, 12, 1))
    assert approaching.stale_at == breached.fire_at
    assert breached.kind is TimerKind.DEADLINE_BREACHED
    assert breached.fire_at == at_eight(date(2026, 12, 3))


def test_the_breach_lands_after_the_weekend_and_independence_day() -> None:
    case = replace(opened_case(), discussion_due_on=date(2026, 12, 4))  # Friday
    # Saturday 5 and Sunday 6 December (Independence Day) are no school days.
    assert timers_for(case, CALENDAR, HELSINKI)[-1].fire_at == at_eight(date(2026, 12, 7))


def test_an_urgent_case_due_at_once_gets_no_reminder_only_the_escalation() -> None:
    case = replace(opened_case(), urgency=Urgency.URGENT, discussion_due_on=START.date())
    assert [t.kind for t in timers_for(case, CALENDAR, HELSINKI)] == [TimerKind.DEADLINE_BREACHED]


def test_a_discussion_offered_in_time_silences_the_deadline_timers() -> None:
    case = opened_case()
    timers = timers_for(case, CALENDAR, HELSINKI)
    offered = step.offer_discussion(case, offered_on=START.date(), by=PSYCHOLOGIST, at=START)
    assert timers_for(offered, CALENDAR, HELSINKI) == []
    assert not any(still_matters(t, offered, t.fire_at) for t in timers)
    assert all(still_matters(t, case, t.fire_at) for t in timers)


def test_a_discussion_offered_too_late_is_still_a_breach() -> None:
    case = opened_case()
    breached = timers_for(case, CALENDAR, HELSINKI)[-1]
    assert case.discussion_due_on is not None
    late = step.offer_discussion(
        case, offered_on=case.discussion_due_on + timedelta(days=1), by=PSYCHOLOGIST, at=START
    )
    assert still_matters(breached, late, breached.fire_at)


def test_a_reminder_caught_up_after_the_deadline_passed_stays_silent() -> None:
    case = opened_case()
    approaching, breached = timers_for(case, CALENDAR, HELSINKI)
    assert not still_matters(approaching, case, breached.fire_at + timedelta(minutes=1))
    assert still_matters(breached, case, breached.fire_at + timedelta(days=3))


def test_a_moved_deadline_silences_the_old_dates_timers() -> None:
    case = opened_case()
    old = timers_for(case, CALENDAR, HELSINKI)
    moved = replace(case, discussion_due_on=date(2026, 11, 24))
    assert not any(still_matters(t, moved, t.fire_at) for t in old)


def test_follow_up_reviews_fire_on_the_school_morning_of_the_review_until_closure() -> None:
    agreed = step.agree_measures(
        with_group(), measures=[measure()], by=PSYCHOLOGIST, at=START + timedelta(hours=5)
    )
    reviews = [
        t for t in timers_for(agreed, CALENDAR, HELSINKI) if t.kind is TimerKind.FOLLOW_UP_DUE
    ]
    assert [(t.due_on, t.fire_at) for t in reviews] == [
        (date(2027, 1, 15), at_eight(date(2027, 1, 15)))
    ]
    assert still_matters(reviews[0], agreed, reviews[0].fire_at)
    closed = step.close(
        agreed, reason="support in place", by=PSYCHOLOGIST, at=START + timedelta(hours=6)
    )
    assert timers_for(closed, CALENDAR, HELSINKI) == []
    assert not any(still_matters(t, closed, t.fire_at) for t in reviews)


def test_an_urgent_case_before_a_school_break_escalates_on_a_working_day_of_the_break() -> None:
    summer = SchoolCalendar([Break("summer break", date(2027, 6, 1), date(2027, 8, 10))])
    monday = datetime(2027, 5, 31, 9, tzinfo=HELSINKI)
    case = replace(
        opened_case(), urgency=Urgency.URGENT, opened_at=monday, discussion_due_on=date(2027, 6, 1)
    )
    # Due Tuesday 1 June; the breach is told on Wednesday 2 June, not on 11 August (§15).
    [breached] = timers_for(case, summer, HELSINKI)
    assert breached.fire_at == at_eight(date(2027, 6, 2))


def test_a_nurses_case_with_no_discussion_requested_has_no_section_15_timers() -> None:
    nurse = StaffMember("nurse-aino", Role.NURSE)
    case = open_case(
        concern_id=uuid.uuid4(), student_ref="student-0001", school_id="kallio-school",
        categories=[ConcernCategory.PHYSICAL_HEALTH], urgency=Urgency.URGENT,
        guardian_must_not_be_told_yet=False, responsible=nurse, raised_by=TEACHER,
        requested_on=START.date(), calendar=CALENDAR, now=START,
    )  # fmt: skip
    assert case.discussion_due_on is None
    assert timers_for(case, CALENDAR, HELSINKI) == []  # so no "deadline breached" either
    # The psychologist leading it instead (no nurse on the roster) makes it a §15 request.
    led = open_case(
        concern_id=uuid.uuid4(), student_ref="student-0002", school_id="kallio-school",
        categories=[ConcernCategory.PHYSICAL_HEALTH], urgency=Urgency.URGENT,
        guardian_must_not_be_told_yet=False, responsible=PSYCHOLOGIST, raised_by=TEACHER,
        requested_on=START.date(), calendar=CALENDAR, now=START,
    )  # fmt: skip
    assert led.discussion_due_on == date(2026, 11, 24)


def test_a_section_15_2_exception_stops_the_clock_and_a_new_request_restarts_it() -> None:
    case = opened_case()
    timers = timers_for(case, CALENDAR, HELSINKI)
    stopped = step.except_discussion(
        case, exception=DiscussionException.CLEARLY_UNNECESSARY,
        explanation="already seen weekly by the kuraattori", by=PSYCHOLOGIST, at=START,
    )  # fmt: skip
    assert timers_for(stopped, CALENDAR, HELSINKI) == []
    assert not any(still_matters(t, stopped, t.fire_at) for t in timers)
    assert stopped.record.entries[-1].kind.value == "discussion_not_needed"
    again = step.request_discussion(
        stopped, requested_on=date(2026, 12, 7), requested_by=DiscussionRequester.STUDENT,
        with_profession=Role.PSYCHOLOGIST, calendar=CALENDAR, by=PSYCHOLOGIST, at=START,
    )  # fmt: skip
    assert again.discussion_exception is None
    assert again.discussion_due_on == date(2026, 12, 16)  # its own 7 school days
    assert timers_for(again, CALENDAR, HELSINKI)


def test_only_the_psychologist_or_kuraattori_makes_the_exception_and_only_on_a_running_clock() -> (
    None
):
    case = opened_case()
    reason = DiscussionException.ADVICE_TO_THE_CALLER
    nurse = StaffMember("nurse-aino", Role.NURSE)
    untimed = replace(case, discussion_due_on=None)
    offered = step.offer_discussion(case, offered_on=START.date(), by=PSYCHOLOGIST, at=START)
    for on, by in ((case, nurse), (untimed, PSYCHOLOGIST), (offered, PSYCHOLOGIST)):
        with pytest.raises(RuleViolation) as refused:
            step.except_discussion(on, exception=reason, explanation="x", by=by, at=START)
        assert refused.value.rule == "§15"


def test_the_section_16_2_notice_is_reminded_on_its_day_until_recorded_done() -> None:
    owed = step.owe_student_notice(
        opened_case(), requested_on=START.date(), urgency=Urgency.ROUTINE, calendar=CALENDAR
    )
    (reminder,) = [
        t for t in timers_for(owed, CALENDAR, HELSINKI) if t.kind.value.startswith("student")
    ]
    assert reminder.kind is TimerKind.STUDENT_NOTICE_DUE
    assert reminder.fire_at == at_eight(date(2026, 12, 2))  # the same limit as §15's
    assert still_matters(reminder, owed, reminder.fire_at)
    done = step.tell_student(owed, told_on=START.date(), by=PSYCHOLOGIST, at=START)
    assert not still_matters(reminder, done, reminder.fire_at)
    assert TimerKind.STUDENT_NOTICE_DUE not in {
        t.kind for t in timers_for(done, CALENDAR, HELSINKI)
    }
