"""Staffing against the statutory ceilings (§9a) and each professional's open cases.

The law caps students per professional: at most 780 per psychologist and 670 per
kuraattori. The education provider must be able to see, per school, whether it holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from services.welfare_group.domain.routing import Roster
from shared.contracts import Role, StaffRole

__all__ = ["CEILINGS", "ProfessionLoad", "caseload"]

CEILINGS: Mapping[StaffRole, int] = {Role.PSYCHOLOGIST: 780, Role.KURAATTORI: 670}


@dataclass(frozen=True)
class ProfessionLoad:
    role: StaffRole
    professionals: int
    students_per_professional: float | None  # None: nobody in the role serves the school
    ceiling: int
    within_ceiling: bool
    open_cases: Mapping[str, int]


def caseload(roster: Roster, students: int, open_cases: Mapping[str, int]) -> list[ProfessionLoad]:
    loads = []
    for role, ceiling in CEILINGS.items():
        staff = roster.with_role(role)
        per_professional = students / len(staff) if staff else None
        loads.append(
            ProfessionLoad(
                role=role,
                professionals=len(staff),
                students_per_professional=per_professional,
                ceiling=ceiling,
                within_ceiling=per_professional is not None and per_professional <= ceiling,
                open_cases={m.staff_id: open_cases.get(m.staff_id, 0) for m in staff},
            )
        )
    return loads
