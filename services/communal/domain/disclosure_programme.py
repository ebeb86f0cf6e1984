"""The attacker's linear programme over a group of hidden figures, solved by HiGHS.

Published figures are constants; a hidden figure is bounded by what the rule gives away:
a "<5" is 0-4, an "x" at least 5, a figure shown nowhere at least 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_array

from services.communal.domain.disclosure_model import SMALL_BELOW, Figure, Relation, Status

__all__ = ["Component", "Programme", "programme_of"]

# No ceiling would leave a programme pushing on many figures at once unbounded, and then
# it finds no point at all; a million is "no ceiling" for a school's counts.
_CEILING = 1e6
_BOUNDS = {
    Status.SMALL: (0.0, float(SMALL_BELOW - 1)),
    Status.COMPLEMENTARY: (float(SMALL_BELOW), _CEILING),
    Status.UNPUBLISHED: (0.0, _CEILING),
}


@dataclass(frozen=True)
class Component:
    hidden: frozenset[Figure]
    relations: tuple[Relation, ...]


@dataclass(frozen=True)
class Programme:
    """The attacker's linear programme over one component's hidden figures."""

    index: dict[Figure, int]
    a_eq: csr_array | None
    b_eq: np.ndarray | None
    a_ub: csr_array | None
    b_ub: np.ndarray | None
    bounds: list[tuple[float, float]]

    def optimum(self, objective: np.ndarray) -> np.ndarray:
        found = linprog(
            objective, self.a_ub, self.b_ub, self.a_eq, self.b_eq, self.bounds, method="highs"
        )
        if found.status != 0:
            raise RuntimeError(f"the audit's programme failed: {found.message}")
        return np.asarray(found.x)


def programme_of(
    component: Component, status: Mapping[Figure, Status], values: Mapping[Figure, int]
) -> Programme:
    order = sorted(component.hidden)
    index = {f: i for i, f in enumerate(order)}
    rows: dict[bool, tuple[list[int], list[int], list[float], list[float]]] = {
        True: ([], [], [], []),
        False: ([], [], [], []),
    }
    for relation in component.relations:
        row_ids, cols, coefs, rhs = rows[relation.equality]
        constant = 0  # the published figures' part
        for f, c in relation.terms:
            if f in index:
                row_ids.append(len(rhs))
                cols.append(index[f])
                coefs.append(float(c))
            else:
                constant += c * values[f]
        rhs.append(float(-constant))

    def matrix(equality: bool) -> tuple[csr_array | None, np.ndarray | None]:
        row_ids, cols, coefs, rhs = rows[equality]
        if not rhs:
            return None, None
        shape = (len(rhs), len(index))
        return csr_array((coefs, (row_ids, cols)), shape=shape), np.array(rhs)

    return Programme(index, *matrix(True), *matrix(False), [_BOUNDS[status[f]] for f in order])
