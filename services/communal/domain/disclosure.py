"""Disclosure control: which figures are shown, "<5", or "x".

Primary suppression hides every count below 5 ("<5"; zeros too, see ``shown_small``).
Complementary suppression then hides more ("x") until no count of 1-4 can be worked out from
any combination of what is published: first by the cheap rule that no relation may hold a
single hidden figure (one difference would give it away), then by the audit's programme,
adding a complement next to each count it can still narrow down, until it pins none down
and narrows down (to two values) only those next to which nothing is left to hide. The
whole provider is protected at once, so every view shows the same cells hidden: consistent
suppression is what defeats differencing.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from services.communal.domain.disclosure_audit import (
    MIN_WIDTH,
    Component,
    components,
    exposed,
    width_in,
)
from services.communal.domain.disclosure_model import (
    Figure,
    Relation,
    Status,
    is_small,
    shown_small,
)

__all__ = ["DisclosureError", "protect"]


class DisclosureError(RuntimeError):
    """No figure left to hide would protect a small count: nothing may be published."""


def protect(
    values: Mapping[Figure, int], shown: Collection[Figure], relations: Iterable[Relation]
) -> dict[Figure, Status]:
    """Each figure's status; every figure of ``values`` not in ``shown`` is unpublished."""
    relations = list(relations)
    status = {
        f: Status.UNPUBLISHED
        if f not in shown
        else (Status.SMALL if shown_small(v) else Status.PUBLISHED)
        for f, v in values.items()
    }
    by_figure: dict[Figure, list[Relation]] = {}
    for relation in relations:
        for f in relation.figures:
            by_figure.setdefault(f, []).append(relation)
    _no_lone_hidden(status, values, relations, by_figure)
    settled: set[frozenset[Figure]] = set()  # components the audit passed, unchanged since
    cleared: set[Figure] = set()  # small counts the audit found wide enough
    while True:
        added = False
        for component in components(status, relations):
            if component.hidden in settled:
                continue
            narrow = exposed(component, status, values, cleared)
            hid = [_hide_next_to(f, component, status, values, by_figure) for f in narrow]
            pinned = [f for f, width in narrow.items() if width < MIN_WIDTH]
            if not any(hid):  # nothing left to hide: near is not enough, the whole decides
                pinned = [f for f in pinned if width_in(component, f, status, values) < MIN_WIDTH]
            if pinned and not any(hid):
                raise DisclosureError(f"nothing left to hide would protect {pinned[0]}")
            if not any(hid):
                settled.add(component.hidden)
            added |= any(hid)
        if not added:
            return status
        _no_lone_hidden(status, values, relations, by_figure)


def _needs_company(
    f: Figure, status: Mapping[Figure, Status], values: Mapping[Figure, int]
) -> bool:
    # A hidden figure alone in a relation is that relation's difference of published ones.
    return status[f] is Status.COMPLEMENTARY or is_small(values[f])


def _candidates(relation: Relation, status: Mapping[Figure, Status]) -> list[Figure]:
    return [f for f in relation.figures if status[f] is Status.PUBLISHED]


def _complement(candidates: Iterable[Figure], values: Mapping[Figure, int]) -> Figure | None:
    # The smallest count that is published (so at least 5): it loses the least.
    usable = [f for f in candidates if not shown_small(values[f])]
    return min(usable, key=lambda f: (values[f], f), default=None)


def _no_lone_hidden(
    status: dict[Figure, Status],
    values: Mapping[Figure, int],
    relations: list[Relation],
    by_figure: Mapping[Figure, list[Relation]],
) -> None:
    pending = [r for r in relations if r.equality]
    while pending:
        relation = pending.pop()
        hidden = [f for f in relation.figures if status[f] is not Status.PUBLISHED]
        if len(hidden) != 1 or not _needs_company(hidden[0], status, values):
            continue
        chosen = _complement(_candidates(relation, status), values)
        if chosen is None:
            continue  # the audit decides whether it matters
        status[chosen] = Status.COMPLEMENTARY
        pending.extend(r for r in by_figure.get(chosen, []) if r.equality)


def _hide_next_to(
    pinned: Figure,
    component: Component,
    status: dict[Figure, Status],
    values: Mapping[Figure, int],
    by_figure: Mapping[Figure, list[Relation]],
) -> bool:
    """Hide one more figure, as close to ``pinned`` as the relations go; False: none is
    left to hide in its component."""
    seen, frontier = {pinned}, [pinned]
    while frontier:
        near = [r for f in frontier for r in by_figure.get(f, [])]
        chosen = _complement((c for r in near for c in _candidates(r, status)), values)
        if chosen is not None:
            status[chosen] = Status.COMPLEMENTARY
            return True
        frontier = [f for r in near for f in r.figures if f not in seen and f in component.hidden]
        seen.update(frontier)
    return False
