"""Every figure of one school year's publication, its true value, whether some view shows
it, and the relations between figures that anyone can work out from the tables' layout.

Units are what a figure is of: each school shown alone, the rolled-up "other schools" (of
which only the side-by-side row is shown), and the provider, the sum of all of them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from services.communal.domain.disclosure_model import Figure, Relation
from services.communal.domain.periods import YEAR, SchoolYear, Term
from services.communal.domain.publication_layout import HEADLINE, TABLES, TOTAL
from services.communal.domain.tallies import Measure

__all__ = ["BEFORE", "OPEN_CASES", "OTHER_SCHOOLS", "PROVIDER", "Figures", "figures_of"]

# Not identifiers (which start with a letter or digit), so no school can be called so.
OTHER_SCHOOLS = "*other"
PROVIDER = "*provider"
OPEN_CASES = ("open_cases", "open")
BEFORE = "before"  # the cases still open when the year began: shown nowhere

# (school, month, measure, key) -> count
Counts = Mapping[tuple[str, str, str, str], int]


@dataclass
class Figures:
    values: dict[Figure, int] = field(default_factory=dict)
    shown: set[Figure] = field(default_factory=set)
    relations: list[Relation] = field(default_factory=list)


def _rows() -> list[tuple[str, str]]:
    rows = [(layout.table, key) for layout in TABLES for key in layout.keys]
    totals = {layout.total for layout in TABLES if layout.total is not None}
    return rows + sorted(totals)


def _by_unit(counts: Counts, units: Mapping[str, Sequence[str]]) -> Counter[tuple[str, ...]]:
    unit_of = {school: unit for unit, schools in units.items() for school in schools}
    summed: Counter[tuple[str, ...]] = Counter()
    for (school, month, measure, key), n in counts.items():
        if school in unit_of:
            summed[unit_of[school], measure, key, month] += n
    for layout in TABLES:  # a total row the tallies do not count is its rows' sum
        if layout.total is not None and layout.total[0] == layout.table:
            for (unit, measure, key, month), n in list(summed.items()):
                if measure == layout.table and key in layout.keys:
                    summed[unit, measure, TOTAL, month] += n
    return summed


def _unit(figures: Figures, summed: Counter[tuple[str, ...]], unit: str, year: SchoolYear) -> None:
    for measure, key in _rows():
        at = {c: Figure(unit, measure, key, c) for c in year.columns}
        for month in year.months:
            figures.values[at[month]] = summed[unit, measure, key, month]
        for term in Term:
            parts = [at[m] for m in year.months_of(term)]
            figures.values[at[term]] = sum(figures.values[p] for p in parts)
            figures.relations.append(Relation.total(at[term], parts))
        figures.values[at[YEAR]] = sum(figures.values[at[t]] for t in Term)
        figures.relations.append(Relation.total(at[YEAR], [at[t] for t in Term]))
    for layout in TABLES:
        for column in year.columns:
            rows = [Figure(unit, layout.table, k, column) for k in layout.keys]
            if layout.total is not None:
                figures.relations.append(Relation.total(Figure(unit, *layout.total, column), rows))
            if layout.bounded_by is not None:
                whole = Figure(unit, *layout.bounded_by, column)
                figures.relations.extend(Relation.at_most([r], [whole]) for r in rows)
                figures.relations.append(Relation.at_most([whole], rows))


def _open_cases(
    figures: Figures, counts: Counts, schools: Sequence[str], year: SchoolYear, unit: str
) -> None:
    """Open at a month's end: all cases opened by then, less all closed by then."""
    change: Counter[str] = Counter()
    for (school, month, measure, key), n in counts.items():
        if school in schools and measure == Measure.CASES and key in ("opened", "closed"):
            change[month] += n if key == "opened" else -n
    open_now = sum(n for month, n in change.items() if month < year.months[0])
    previous = Figure(unit, *OPEN_CASES, BEFORE)
    figures.values[previous] = open_now
    relations, consistent = [], open_now >= 0
    for month in year.months:
        open_now += change[month]
        consistent &= open_now >= 0
        here = Figure(unit, *OPEN_CASES, month)
        figures.values[here] = max(open_now, 0)
        figures.shown.add(here)
        opened = Figure(unit, Measure.CASES, "opened", month)
        closed = Figure(unit, Measure.CASES, "closed", month)
        relations.append(Relation(((here, 1), (previous, -1), (opened, -1), (closed, 1))))
        previous = here
    if consistent:  # a history with more closed than opened (a partial rebuild) has none
        figures.relations.extend(relations)


def figures_of(counts: Counts, units: Mapping[str, Sequence[str]], year: SchoolYear) -> Figures:
    """``units`` maps each unit to its schools: the schools shown alone map to themselves."""
    figures = Figures()
    summed = _by_unit(counts, units)
    for (_, *rest), n in list(summed.items()):
        summed[(PROVIDER, *rest)] += n
    for unit in [*units, PROVIDER]:
        _unit(figures, summed, unit, year)
    for column in year.columns:
        for measure, key in _rows():
            parts = [Figure(u, measure, key, column) for u in units]
            figures.relations.append(Relation.total(Figure(PROVIDER, measure, key, column), parts))
    for unit, schools in units.items():
        if unit == OTHER_SCHOOLS:
            figures.shown.update(Figure(unit, *headline, YEAR) for headline in HEADLINE.values())
        else:
            figures.shown.update(f for f in figures.values if f.unit == unit)
            _open_cases(figures, counts, schools, year, unit)
    figures.shown.update(f for f in figures.values if f.unit == PROVIDER)
    return figures
