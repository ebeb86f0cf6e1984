"""A school's §9a staffing from its roster: the allocated working time of its psychologists
and kuraattorit summed, since the law counts working time, not heads."""

from __future__ import annotations

from collections.abc import Iterable

from services.communal.domain.publication_staffing import Staffing

__all__ = ["from_roster"]


def from_roster(students: int, allocations: Iterable[tuple[str, float]]) -> Staffing:
    """The staffing of a school of ``students``, from its roster's (role, share of time)."""
    fte = {"psychologist": 0.0, "kuraattori": 0.0}
    for role, share in allocations:
        if role in fte:
            fte[role] += share
    return Staffing(students, round(fte["psychologist"], 2), round(fte["kuraattori"], 2))
