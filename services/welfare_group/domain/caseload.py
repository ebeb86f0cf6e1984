"""Staffing against the statutory ceilings (§9a) and each professional's open cases.

The law caps students per full-time professional: at most 780 per psychologist and 670
per kuraattori. It binds the wellbeing services county, and counts working time, not heads:
a professional serving several schools counts at each with the share of their working time
allocated to it (the roster's ``allocated_fte``). Per school, students are divided by the
working time allocated to the school; across the schools, all their students by all the
working time, which is the county's total.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from services.welfare_group.domain.routing import Roster
from shared.contracts import Role, StaffRole

__all__ = ["CEILINGS", "CountyLoad", "ProfessionLoad", "caseload", "county_caseload"]

CEILINGS: Mapping[StaffRole, int] = {Role.PSYCHOLOGIST: 780, Role.KURAATTORI: 670}


@dataclass(frozen=True)
class ProfessionLoad:
    role: StaffRole
    professionals: int
    allocated_fte: float  # the working time the professionals give this school
    # Per full-time professional; None: nobody in the role serves the school.
    students_per_professional: float | None
    ceiling: int
    within_ceiling: bool
    open_cases: Mapping[str, int]


def _per_full_time(students: int, fte: float) -> float | None:
    return round(students / fte, 1) if fte > 0 else None


def caseload(roster: Roster, students: int, open_cases: Mapping[str, int]) -> list[ProfessionLoad]:
    loads = []
    for role, ceiling in CEILINGS.items():
        staff = roster.with_role(role)
        fte = round(sum(roster.fte_of(m.staff_id) for m in staff), 3)
        per_professional = _per_full_time(students, fte)
        loads.append(
            ProfessionLoad(
                role=role,
                professionals=len(staff),
                allocated_fte=fte,
                students_per_professional=per_professional,
                ceiling=ceiling,
                within_ceiling=per_professional is not None and per_professional <= ceiling,
                open_cases={m.staff_id: open_cases.get(m.staff_id, 0) for m in staff},
            )
        )
    return loads


@dataclass(frozen=True)
class CountyLoad:
    role: StaffRole
    schools: int
    students: int
    professionals: int  # distinct people, whatever the schools they serve
    allocated_fte: float
    students_per_professional: float | None
    ceiling: int
    within_ceiling: bool


def county_caseload(rosters: Iterable[Roster]) -> list[CountyLoad]:
    """Across the schools: all their students per all the working time allocated to them."""
    rosters = list(rosters)
    students = sum(r.students for r in rosters)
    loads = []
    for role, ceiling in CEILINGS.items():
        people = {m.staff_id for r in rosters for m in r.with_role(role)}
        fte = round(sum(r.fte_of(m.staff_id) for r in rosters for m in r.with_role(role)), 3)
        per_professional = _per_full_time(students, fte)
        loads.append(
            CountyLoad(
                role=role,
                schools=len(rosters),
                students=students,
                professionals=len(people),
                allocated_fte=fte,
                students_per_professional=per_professional,
                ceiling=ceiling,
                within_ceiling=per_professional is not None and per_professional <= ceiling,
            )
        )
    return loads
