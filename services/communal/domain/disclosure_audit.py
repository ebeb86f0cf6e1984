"""The audit: could anyone pin a small count down from what is published?

The attacker's model is a linear programme: every hidden figure a variable, every published
one a constant, every relation a constraint, and the bounds the publication's own rule gives
away ("<5" is 0-4, "x" is at least 5, a figure shown nowhere is at least 0). A small count
is protected when its feasible range still holds at least two whole numbers: the whole
numbers within the LP's bounds, so an attacker who knows that counts are whole gains
nothing from that either.
Hidden figures split into components that share no relation; each is solved alone, since
published figures are constants between them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import numpy as np

from services.communal.domain.disclosure_model import Figure, Relation, Status, is_small
from services.communal.domain.disclosure_programme import Component, programme_of

__all__ = ["MIN_WIDTH", "WANTED_WIDTH", "Component", "components", "exposed", "width_in"]

# A single value is a disclosure. "3 or 4" is nearly one, but asking for three values
# (WANTED_WIDTH 2) cost ten times the programmes and two thirds more "x"s in trials, as
# "<5"s beside a published figure rarely have room for three: so two are asked for.
MIN_WIDTH = 1
WANTED_WIDTH = 1
# Above this many hidden figures, a count is first audited among its neighbours only.
_LOCAL_ABOVE = 400
_HOPS = 2
_EPS = 1e-6


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


def _widths(
    component: Component,
    targets: list[Figure],
    status: Mapping[Figure, Status],
    values: Mapping[Figure, int],
    each: bool = True,
) -> dict[Figure, int]:
    """Whole-number widths of ``targets``, as far as needed to tell them wide enough; with
    ``each`` False only the two programmes pushing on all of them at once are solved."""
    programme = programme_of(component, status, values)
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
