"""§9a staffing: students per full-time psychologist and kuraattori, from the directory.

The law counts working time, not heads: a professional serving several schools counts at
each with the share of their time allocated to it. It names no one and counts no welfare
event, so it is shown even for a school too small for its figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from services.communal.domain.publication_shapes import StaffingFigures

__all__ = ["Staffing", "staffing_of"]


@dataclass(frozen=True)
class Staffing:
    students: int
    psychologist_fte: float
    kuraattori_fte: float


def _per_full_time(students: int, fte: float) -> float | None:
    return round(students / fte, 1) if fte > 0 else None


def staffing_of(schools: Iterable[Staffing | None]) -> StaffingFigures | None:
    """The schools' staffing together; None if the directory knows none of them."""
    known = [s for s in schools if s is not None]
    if not known:
        return None
    students = sum(s.students for s in known)
    psychologists = round(sum(s.psychologist_fte for s in known), 3)
    kuraattorit = round(sum(s.kuraattori_fte for s in known), 3)
    return StaffingFigures(
        students=students,
        psychologist_fte=psychologists,
        kuraattori_fte=kuraattorit,
        students_per_psychologist=_per_full_time(students, psychologists),
        students_per_kuraattori=_per_full_time(students, kuraattorit),
    )
