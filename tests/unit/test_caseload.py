"""§9a: students per psychologist and per kuraattori against the ceilings."""

from __future__ import annotations

from services.welfare_group.domain.caseload import caseload
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
