"""§9a: students per psychologist and per kuraattori against the ceilings."""

from __future__ import annotations

from services.welfare_group.domain.caseload import caseload, county_caseload
from services.welfare_group.domain.routing import Roster
from shared.contracts import StaffMember
from shared.contracts import StaffRole as R

ROSTER = Roster(
    "s",
    (
        StaffMember("psy-1", R.PSYCHOLOGIST),
        StaffMember("kur-1", R.KURAATTORI),
        StaffMember("kur-2", R.KURAATTORI),
    ),
)


def test_each_profession_is_measured_against_its_own_ceiling() -> None:
    psychologists, kuraattorit = caseload(ROSTER, 1000, {"psy-1": 4})
    assert (psychologists.students_per_professional, psychologists.ceiling) == (1000, 780)
    assert not psychologists.within_ceiling
    assert psychologists.open_cases == {"psy-1": 4}
    assert (kuraattorit.students_per_professional, kuraattorit.ceiling) == (500, 670)
    assert kuraattorit.within_ceiling
    assert kuraattorit.open_cases == {"kur-1": 0, "kur-2": 0}


def test_a_school_without_the_profession_is_not_within_the_ceiling() -> None:
    (psychologists, _) = caseload(Roster("s", ()), 120, {})
    assert psychologists.professionals == 0
    assert psychologists.students_per_professional is None
    assert not psychologists.within_ceiling


def test_the_ceiling_counts_the_working_time_allocated_to_the_school_not_heads() -> None:
    half_time = Roster(
        "s",
        (StaffMember("psy-1", R.PSYCHOLOGIST), StaffMember("kur-1", R.KURAATTORI)),
        students=500,
        allocated_fte={"psy-1": 0.5, "kur-1": 0.8},
    )
    psychologists, kuraattorit = caseload(half_time, 500, {})
    assert (psychologists.professionals, psychologists.allocated_fte) == (1, 0.5)
    assert psychologists.students_per_professional == 1000  # one head, half a psychologist
    assert not psychologists.within_ceiling
    assert (kuraattorit.students_per_professional, kuraattorit.within_ceiling) == (625, True)


def test_the_county_total_is_all_the_students_per_all_the_allocated_time() -> None:
    shared_psychologist = [
        Roster("a", (StaffMember("psy-1", R.PSYCHOLOGIST),), 600, {"psy-1": 0.6}),
        Roster("b", (StaffMember("psy-1", R.PSYCHOLOGIST),), 400, {"psy-1": 0.4}),
        Roster("c", (StaffMember("kur-1", R.KURAATTORI),), 300),
    ]
    psychologists, kuraattorit = county_caseload(shared_psychologist)
    assert (psychologists.schools, psychologists.students) == (3, 1300)
    assert (psychologists.professionals, psychologists.allocated_fte) == (1, 1.0)
    assert psychologists.students_per_professional == 1300
    assert not psychologists.within_ceiling
    assert (kuraattorit.allocated_fte, kuraattorit.students_per_professional) == (1.0, 1300)
    assert county_caseload([])[0].students_per_professional is None
