"""A school's welfare staffing against the statutory ceilings (§9a), said in words, and
its open cases that need the principal: nobody leads them, or their §15 deadline passed.

The welfare group's service counts; this says what the counts mean to a principal: over
or within the ceiling, by how much, and how much working time would bring it within.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

__all__ = ["CaseNeedingAction", "Load", "ProfessionLoad", "case_needing_action", "load_of"]


class Load(StrEnum):
    WITHIN = "within"
    OVER = "over"
    NOBODY = "nobody"  # no working time allocated: no ceiling can be met


@dataclass(frozen=True)
class ProfessionLoad:
    role: str
    professionals: int
    allocated_fte: float
    students_per_fte: float | None
    ceiling: int
    load: Load
    over_by: float  # students per full-time professional above the ceiling, else 0
    fte_short: float  # working time more that would bring it within the ceiling, else 0
    open_cases: int


def load_of(students: int, seen: dict[str, Any]) -> ProfessionLoad:
    """One profession's line of the caseload, as ``GET /schools/{id}/caseload`` gives it."""
    per = seen.get("students_per_professional")
    fte = float(seen["allocated_fte"])
    ceiling = int(seen["ceiling"])
    load = Load.WITHIN if seen["within_ceiling"] else Load.OVER
    if per is None:
        load = Load.NOBODY
    needed = students / ceiling if ceiling else 0.0
    # Rounded up to a tenth: an allocation is made in such steps, and down would fall short.
    short = math.ceil(max(0.0, needed - fte) * 10 - 1e-9) / 10 if load is not Load.WITHIN else 0.0
    return ProfessionLoad(
        role=str(seen["role"]),
        professionals=int(seen["professionals"]),
        allocated_fte=fte,
        students_per_fte=float(per) if per is not None else None,
        ceiling=ceiling,
        load=load,
        over_by=round(float(per) - ceiling, 1) if load is Load.OVER and per is not None else 0.0,
        fte_short=short,
        open_cases=sum(int(n) for n in (seen.get("open_cases") or {}).values()),
    )


@dataclass(frozen=True)
class CaseNeedingAction:
    case_id: UUID
    opened_at: datetime
    due_on: date | None  # the §15 deadline; None: no discussion is timed
    profession: str  # the lead's, or while nobody leads, the one it is routed to
    unassigned: bool
    days_late: int  # school days are the service's to count: these are calendar days


def case_needing_action(seen: dict[str, Any], today: date) -> CaseNeedingAction:
    due = (
        date.fromisoformat(str(seen["discussion_due_on"]))
        if seen.get("discussion_due_on")
        else None
    )
    return CaseNeedingAction(
        case_id=UUID(str(seen["case_id"])),
        opened_at=datetime.fromisoformat(str(seen["opened_at"])),
        due_on=due,
        profession=str(seen["profession"]),
        unassigned=bool(seen.get("unassigned")),
        days_late=max(0, (today - due).days) if due else 0,
    )
