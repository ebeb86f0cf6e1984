"""Which schools are shown alone, and which only within "other schools".

A school with fewer than ``ROLL_UP_BELOW`` concerns in the year is not shown alone
anywhere: nearly every monthly figure of it would be "<5", and each of its few published
ones would narrow down the hidden figures of the provider and its neighbours. Its figures
count in "other schools", which is never one school: if only one is small, the next
smallest joins it, and more join until the group itself reaches the threshold. If even all
schools together do not, the provider publishes nothing for the year.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from services.communal.domain.publication_figures import OTHER_SCHOOLS
from services.communal.domain.publication_shapes import Reason

__all__ = ["ROLL_UP_BELOW", "Units", "units_of"]

ROLL_UP_BELOW = 20


@dataclass(frozen=True)
class Units:
    alone: list[str] = field(default_factory=list)  # shown each on its own
    rolled_up: list[str] = field(default_factory=list)  # counted in "other schools"
    without_data: list[str] = field(default_factory=list)  # no tally in the year at all
    reason: Reason | None = None  # why the provider publishes nothing; None: it does

    @property
    def grouping(self) -> dict[str, list[str]]:
        """Each unit of the publication and its schools."""
        groups = {school: [school] for school in self.alone}
        if self.rolled_up:
            groups[OTHER_SCHOOLS] = list(self.rolled_up)
        return groups


def units_of(concerns: Mapping[str, int], with_data: set[str], known: set[str]) -> Units:
    """``concerns``: each school's concerns in the year; ``with_data``: the schools with
    any tally in the year; ``known``: every school the provider has."""
    without = sorted((known | set(concerns)) - with_data)
    schools = sorted(with_data, key=lambda s: (concerns.get(s, 0), s))
    if not schools:
        return Units(without_data=without, reason="no_data")
    if sum(concerns.get(s, 0) for s in schools) < ROLL_UP_BELOW:
        return Units(rolled_up=schools, without_data=without, reason="too_small")
    group = [s for s in schools if concerns.get(s, 0) < ROLL_UP_BELOW]
    while group and (len(group) < 2 or sum(concerns.get(s, 0) for s in group) < ROLL_UP_BELOW):
        group = schools[: len(group) + 1]
    alone = sorted(s for s in schools if s not in group)
    return Units(alone=alone, rolled_up=sorted(group), without_data=without)
