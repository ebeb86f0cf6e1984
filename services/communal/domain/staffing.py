"""A school's welfare staffing against the §9a ceilings: pupils per full-time psychologist
and kuraattori, counting allocated working time, not heads."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["KURAATTORI_CEILING", "PSYCHOLOGIST_CEILING", "Staffing", "staffing_of"]

# §9a (in force 1.8.2023): at most this many pupils per full-time professional.
PSYCHOLOGIST_CEILING = 780
KURAATTORI_CEILING = 670


@dataclass(frozen=True)
class Staffing:
    students: int
    psychologist_fte: float
    kuraattori_fte: float

    @property
    def students_per_psychologist(self) -> float | None:
        return _per(self.students, self.psychologist_fte)

    @property
    def students_per_kuraattori(self) -> float | None:
        return _per(self.students, self.kuraattori_fte)


def _per(students: int, fte: float) -> float | None:
    # No allocated time at all: the ceiling is not met, but a ratio would be infinite.
    return round(students / fte, 1) if fte > 0 else None


def staffing_of(students: int, allocations: Iterable[tuple[str, float]]) -> Staffing:
    """A school's staffing from its roster's (role, allocated share of working time)."""
    fte = {"psychologist": 0.0, "kuraattori": 0.0}
    for role, share in allocations:
        if role in fte:
            fte[role] += share
    return Staffing(students, round(fte["psychologist"], 2), round(fte["kuraattori"], 2))
