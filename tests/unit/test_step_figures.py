"""The anonymous figures a step adds to the statistics: school days to the §15 discussion on
the school's own calendar, days a case was open by local dates, consent given or refused,
the kinds of the measures agreed, and nothing for any other step."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from services.welfare_group.domain import lifecycle as law
from services.welfare_group.domain.calendar import Break, SchoolCalendar
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.case_intake import open_case
from services.welfare_group.domain.consent import Consenter, ConsentForm
from services.welfare_group.domain.figures import MOST_SCHOOL_DAYS, figures_of
from services.welfare_group.domain.group import Measure
from services.welfare_group.domain.lifecycle.guards import entry
from services.welfare_group.domain.record_content import (
    ConsentCoverage,
    ConsentDecision,
    MeasuresAgreed,
)
from shared.contracts import ConcernCategory, MeasureKind, Role, StaffMember, StepFigures, Urgency

HELSINKI = ZoneInfo("Europe/Helsinki")
ELIAS = StaffMember("psychologist-elias", Role.PSYCHOLOGIST)
AINO = StaffMember("nurse-aino", Role.NURSE)
TEACHER = StaffMember("teacher-tiina", Role.TEACHER)
PLAIN = SchoolCalendar()
AUTUMN_BREAK = SchoolCalendar([Break("autumn break", date(2026, 10, 19), date(2026, 10, 23))])


def a_case(
    on: date = date(2026, 9, 7),  # a Monday: the routine discussion is due on 16 Sep
    category: ConcernCategory = ConcernCategory.MENTAL_HEALTH,
    responsible: StaffMember = ELIAS,
    calendar: SchoolCalendar = PLAIN,
) -> Case:
    at = datetime.combine(on, datetime.min.time(), tzinfo=UTC).replace(hour=9)
    return open_case(
        concern_id=uuid.uuid4(), student_ref="student-0001", school_id="kallio-school",
        categories=[category], urgency=Urgency.ROUTINE, guardian_must_not_be_told_yet=False,
        responsible=responsible, raised_by=TEACHER, requested_on=on, calendar=calendar, now=at,
    )  # fmt: skip


def last_figures(case: Case, calendar: SchoolCalendar = PLAIN) -> StepFigures | None:
    return figures_of(case, case.record.entries[-1], calendar, HELSINKI)


def offered(case: Case, on: date) -> Case:
    at = datetime.combine(on, datetime.min.time(), tzinfo=UTC).replace(hour=10)
    return law.offer_discussion(case, offered_on=on, by=ELIAS, at=at)


def test_an_offer_on_the_seventh_school_day_is_seven_days_and_within_the_limit() -> None:
    case = offered(a_case(), date(2026, 9, 16))
    assert last_figures(case) == StepFigures(school_days_to_discussion=7, within_limit=True)


def test_an_offer_a_day_late_counts_eight_and_is_late() -> None:
    case = offered(a_case(), date(2026, 9, 17))
    assert last_figures(case) == StepFigures(school_days_to_discussion=8, within_limit=False)


def test_an_offer_the_same_day_is_zero_school_days() -> None:
    case = offered(a_case(), date(2026, 9, 7))
    assert last_figures(case) == StepFigures(school_days_to_discussion=0, within_limit=True)


def test_the_schools_break_and_the_weekend_are_not_counted() -> None:
    friday = date(2026, 10, 16)
    case = offered(a_case(friday, calendar=AUTUMN_BREAK), date(2026, 10, 26))
    on_monday = StepFigures(school_days_to_discussion=1, within_limit=True)  # 26 Oct
    assert last_figures(case, AUTUMN_BREAK) == on_monday
    assert last_figures(case, PLAIN) == StepFigures(school_days_to_discussion=6, within_limit=True)


def test_a_public_holiday_is_not_a_school_day() -> None:
    # Christmas Eve and Christmas Day fall on Thursday and Friday in 2026.
    case = offered(a_case(date(2026, 12, 23)), date(2026, 12, 28))
    assert last_figures(case) == StepFigures(school_days_to_discussion=1, within_limit=True)


def test_an_offer_no_deadline_timed_carries_no_wait_and_no_limit() -> None:
    case = a_case(category=ConcernCategory.PHYSICAL_HEALTH, responsible=AINO)
    assert case.discussion_requested_on is None
    case = offered(case, date(2026, 9, 10))
    assert last_figures(case) == StepFigures(school_days_to_discussion=None, within_limit=None)


def test_a_very_long_wait_is_counted_at_the_contracts_bound() -> None:
    case = offered(a_case(date(2026, 9, 7)), date(2029, 9, 7))
    bound = StepFigures(school_days_to_discussion=MOST_SCHOOL_DAYS, within_limit=False)
    assert last_figures(case) == bound


def test_days_open_are_counted_between_the_local_dates() -> None:
    # 21:30 UTC on 30 Sep is past midnight in Helsinki: the case closed on 1 Oct, 24 days on.
    closing = datetime(2026, 9, 30, 21, 30, tzinfo=UTC)
    case = law.close(a_case(), reason="goals met", by=ELIAS, at=closing)
    assert last_figures(case) == StepFigures(days_open=24)


def test_a_case_closed_on_the_day_it_opened_was_open_zero_days() -> None:
    case = law.close(a_case(), reason="no need", by=ELIAS, at=datetime(2026, 9, 7, 15, tzinfo=UTC))
    assert last_figures(case) == StepFigures(days_open=0)


def test_a_consent_decision_says_given_or_refused_and_nothing_else() -> None:
    at = datetime(2026, 9, 8, 9, tzinfo=UTC)
    for given in (True, False):
        decision = ConsentDecision(
            given=given, given_by=Consenter.GUARDIAN, student_can_judge=False, purpose="group",
            form=ConsentForm.WRITTEN, covers=ConsentCoverage(members=["nurse-aino"],
            outside_parties=[]), capacity_assessed_by=ELIAS.staff_id, capacity_reasons="young",
        )  # fmt: skip
        case = entry(a_case(), decision, ELIAS, at)
        assert last_figures(case) == StepFigures(consent_given=given)


def test_measures_agreed_carry_each_measures_kind() -> None:
    kinds = [
        MeasureKind.SUPPORT_DISCUSSIONS,
        MeasureKind.HEALTH_CARE,
        MeasureKind.SUPPORT_DISCUSSIONS,
    ]
    measures = [
        Measure(uuid.uuid4(), kind, "what", ELIAS.staff_id, AINO.staff_id, date(2026, 10, 1))
        for kind in kinds
    ]
    at = datetime(2026, 9, 8, 9, tzinfo=UTC)
    case = entry(a_case(), MeasuresAgreed(measures=measures), ELIAS, at)
    assert last_figures(case) == StepFigures(measure_kinds=kinds)


def test_other_steps_carry_no_figures() -> None:
    case = a_case()
    assert last_figures(case) is None  # case_opened
    case = law.hear_student(
        case, views="fine", wishes="none", by=ELIAS, at=datetime(2026, 9, 8, tzinfo=UTC)
    )
    assert last_figures(case) is None
