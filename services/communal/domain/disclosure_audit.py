"""The audit: could anyone pin a small count down from what is published?

The attacker's model is a linear programme: every hidden figure a variable, every published
one a constant, every relation a constraint, and the bounds the publication's own rule gives
away ("<5" is 1-4, "x" is at least 5, a figure shown nowhere is at least 0). A small count
is protected when its feasible range still holds at least two whole numbers (``MIN_WIDTH``
1), and is wanted to hold three (``WANTED_WIDTH`` 2): the whole numbers within the LP's
bounds, so an attacker who knows that counts are whole gains nothing from that either.
Hidden figures split into components that share no relation; each is solved alone, since
published figures are constants between them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_array

from services.communal.domain.disclosure_model import (
    SMALL_BELOW,
    Figure,
    Relation,
    Status,
    is_small,
)

__all__ = ["MIN_WIDTH", "WANTED_WIDTH", "Component", "components", "exposed", "width_in"]

# A single value is a disclosure; "3 or 4" is nearly one, so more is hidden where it can be.
MIN_WIDTH = 1
WANTED_WIDTH = 1
# Above this many hidden figures, a count is first audited among its neighbours only.
_LOCAL_ABOVE = 400
_HOPS = 2
_EPS = 1e-6
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


def components(status: Mapping[Figure, Status], relations: Iterable[Relation]) -> list[Component]:
    """The hidden figures, grouped by the relations that bind them (union-find)."""
    parent: dict[Figure, Figure] = {f: f for f, s in status.items() if s is not Status.PUBLISHED}

    def root(f: Figure) -> Figure:
        while parent[f] != f:
            parent[f] = parent[parent[f]]
            f = parent[f]
        return f

    touching: list[tuple[Relation, Figure]] = []
    for relation in relations:
        hidden = [f for f in relation.figures if f in parent]
        for other in hidden[1:]:
            parent[root(other)] = root(hidden[0])
        if hidden:
            touching.append((relation, hidden[0]))
    groups: dict[Figure, set[Figure]] = {}
    for f in parent:
        groups.setdefault(root(f), set()).add(f)
    bound: dict[Figure, list[Relation]] = {r: [] for r in groups}
    for relation, member in touching:
        bound[root(member)].append(relation)
    return [Component(frozenset(groups[r]), tuple(bound[r])) for r in groups]


def _whole_numbers(low: float, high: float) -> int:
    return math.floor(high + _EPS) - math.ceil(low - _EPS)


@dataclass(frozen=True)
class _Programme:
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


def _programme(
    component: Component, status: Mapping[Figure, Status], values: Mapping[Figure, int]
) -> _Programme:
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

    return _Programme(index, *matrix(True), *matrix(False), [_BOUNDS[status[f]] for f in order])


def _widths(
    component: Component,
    targets: list[Figure],
    status: Mapping[Figure, Status],
    values: Mapping[Figure, int],
    each: bool = True,
) -> dict[Figure, int]:
    """Whole-number widths of ``targets``, as far as needed to tell them wide enough; with
    ``each`` False only the two programmes pushing on all of them at once are solved."""
    programme = _programme(component, status, values)
    index = programme.index
    # Every point found widens what is known feasible: the true values are one, and each
    # optimum another, so most counts are cleared without a pair of programmes of their own.
    low = {f: float(values[f]) for f in targets}
    high = dict(low)

    def push(figures: list[Figure], sign: float) -> None:
        objective = np.zeros(len(index))
        objective[[index[f] for f in figures]] = sign
        x = programme.optimum(objective)
        for f in targets:
            low[f], high[f] = min(low[f], x[index[f]]), max(high[f], x[index[f]])

    def narrow() -> list[Figure]:
        return [f for f in targets if _whole_numbers(low[f], high[f]) < WANTED_WIDTH]

    for sign in (-1.0, 1.0):
        if pending := narrow():
            push(pending, sign)
    for f in narrow() if each else []:
        for sign in (-1.0, 1.0):
            if _whole_numbers(low[f], high[f]) < WANTED_WIDTH:
                push([f], sign)
    return {f: _whole_numbers(low[f], high[f]) for f in targets}


def _touching(component: Component) -> dict[Figure, list[Relation]]:
    touching: dict[Figure, list[Relation]] = {}
    for relation in component.relations:
        for f in relation.figures:
            touching.setdefault(f, []).append(relation)
    return touching


def _near(
    component: Component, touching: Mapping[Figure, list[Relation]], figure: Figure
) -> Component:
    """The hidden figures two relations away from ``figure``, and the relations touching
    them. Solved with every other hidden figure fixed at its true value, the programme's
    feasible set is a part of the whole's: a count wide enough here is wide enough there."""
    near = {figure}
    for _ in range(_HOPS):
        near |= {f for g in near for r in touching.get(g, []) for f in r.figures}
    near &= component.hidden
    relations = {id(r): r for f in near for r in touching.get(f, [])}
    return Component(frozenset(near), tuple(relations.values()))


def width_in(
    component: Component,
    figure: Figure,
    status: Mapping[Figure, Status],
    values: Mapping[Figure, int],
) -> int:
    """``figure``'s whole-number width over the whole component."""
    return _widths(component, [figure], status, values)[figure]


def exposed(
    component: Component,
    status: Mapping[Figure, Status],
    values: Mapping[Figure, int],
    cleared: set[Figure],
) -> dict[Figure, int]:
    """The small counts of ``component`` narrower than ``WANTED_WIDTH``, with their widths
    in whole numbers (0: pinned down; in a large component, the width near the count, which
    is never more than the whole's: ``width_in`` tells the whole's). ``cleared`` are counts
    already found wide enough: hiding more only widens what an attacker must allow, so they
    stay so; the counts this audit finds wide enough are added to it."""
    small = sorted(f for f in component.hidden if is_small(values[f]) and f not in cleared)
    if not small:
        return {}
    if len(component.hidden) <= _LOCAL_ABOVE:
        widths = _widths(component, small, status, values)
    else:  # a programme per count over thousands of figures would take minutes
        widths = _widths(component, small, status, values, each=False)
        touching = _touching(component)
        for f in [f for f, w in widths.items() if w < WANTED_WIDTH]:
            widths[f] = _widths(_near(component, touching, f), [f], status, values)[f]
    narrow = {f: w for f, w in widths.items() if w < WANTED_WIDTH}
    cleared.update(f for f in small if f not in narrow)
    return narrow
