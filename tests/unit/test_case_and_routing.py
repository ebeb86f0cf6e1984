"""Opening a case: who leads it, who must know, and how a further concern joins it."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.case_intake import link_concern, open_case
from services.welfare_group.domain.routing import (
    Roster,
    choose_responsible,
    responsible_role,
    roles_to_notify,
)
from shared.contracts import ConcernCategory as C
from shared.contracts import StaffMember, Urgency
from shared.contracts import StaffRole as R

ROSTER = Roster(
    "kallio-school",
    (
        StaffMember("nurse-aino", R.NURSE),
        StaffMember("psychologist-elias", R.PSYCHOLOGIST),
        StaffMember("psychologist-maija", R.PSYCHOLOGIST),
        StaffMember("kuraattori-kaisa", R.KURAATTORI),
    ),
)
MONDAY = date(2026, 11, 23)
NINE_AM = datetime(2026, 11, 23, 9, tzinfo=UTC)
TEACHER = StaffMember("teacher-tiina", R.TEACHER)


def test_the_most_pressing_category_decides_the_responsible_profession() -> None:
    assert responsible_role([C.LEARNING, C.MENTAL_HEALTH]) is R.PSYCHOLOGIST
    assert responsible_role([C.ATTENDANCE, C.SUBSTANCE_USE]) is R.NURSE
    assert responsible_role([C.OTHER]) is R.KURAATTORI


def test_the_roles_to_notify_are_the_union_over_categories() -> None:
    assert roles_to_notify([C.MENTAL_HEALTH, C.FAMILY_SITUATION]) == [
        R.KURAATTORI, R.NURSE, R.PSYCHOLOGIST,
    ]  # fmt: skip


def test_the_least_loaded_professional_of_the_role_leads() -> None:
    busy = {"psychologist-elias": 3, "psychologist-maija": 1}
    chosen = choose_responsible([C.MENTAL_HEALTH], ROSTER, busy)
    assert chosen == StaffMember("psychologist-maija", R.PSYCHOLOGIST)


def test_without_the_role_on_the_roster_another_welfare_professional_leads() -> None:
    only_nurse = Roster("s", (StaffMember("nurse-aino", R.NURSE),))
    assert choose_responsible([C.MENTAL_HEALTH], only_nurse, {}) == only_nurse.members[0]
    assert choose_responsible([C.MENTAL_HEALTH], Roster("s", ()), {}) is None


SCHOOL = "kallio-school"


def _open(urgency: Urgency = Urgency.ROUTINE, barred: bool = False) -> Case:
    return open_case(
        concern_id=uuid.uuid4(), student_ref="student-0001", school_id="kallio-school",
        categories=[C.LEARNING], urgency=urgency, guardian_must_not_be_told_yet=barred,
        responsible=ROSTER.members[1], requested_on=MONDAY, calendar=SchoolCalendar(),
        raised_by=TEACHER, now=NINE_AM,
    )  # fmt: skip


def test_a_further_urgent_concern_brings_the_deadline_forward_and_never_back() -> None:
    case = _open()
    assert case.discussion_due_on == date(2026, 12, 2)
    urgent = link_concern(
            case,
        concern_id=uuid.uuid4(), school_id=SCHOOL,
        categories=[C.MENTAL_HEALTH], urgency=Urgency.URGENT,
        guardian_must_not_be_told_yet=False, requested_on=date(2026, 11, 25),
        calendar=SchoolCalendar(), raised_by=TEACHER, now=NINE_AM,
    )  # fmt: skip
    assert urgent.discussion_due_on == date(2026, 11, 26)
    assert urgent.urgency is Urgency.URGENT
    assert urgent.categories == (C.LEARNING, C.MENTAL_HEALTH)
    later = link_concern(
            urgent,
        concern_id=uuid.uuid4(), school_id=SCHOOL,
        categories=[C.LEARNING], urgency=Urgency.ROUTINE,
        guardian_must_not_be_told_yet=False, requested_on=date(2026, 11, 25),
        calendar=SchoolCalendar(), raised_by=TEACHER, now=NINE_AM,
    )  # fmt: skip
    assert later.discussion_due_on == date(2026, 11, 26)
    assert later.urgency is Urgency.URGENT
    assert len(later.concern_ids) == 3


def test_a_guardian_bar_in_a_further_concern_stops_guardian_notifications() -> None:
    case = _open()
    assert case.guardian_may_be_notified
    barred = link_concern(
            case,
        concern_id=uuid.uuid4(), school_id=SCHOOL,
        categories=[C.FAMILY_SITUATION], urgency=Urgency.ROUTINE,
        guardian_must_not_be_told_yet=True, requested_on=MONDAY, calendar=SchoolCalendar(),
        raised_by=TEACHER, now=NINE_AM,
    )  # fmt: skip
    assert not barred.guardian_may_be_notified
    assert not _open(barred=True).guardian_may_be_notified


def test_linking_the_same_concern_twice_changes_nothing() -> None:
    case = _open()
    again = link_concern(
            case,
        concern_id=case.concern_ids[0], school_id=SCHOOL,
        categories=[C.OTHER], urgency=Urgency.URGENT,
        guardian_must_not_be_told_yet=True, requested_on=MONDAY, calendar=SchoolCalendar(),
        raised_by=TEACHER, now=NINE_AM,
    )  # fmt: skip
    assert again == case
