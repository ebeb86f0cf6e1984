"""One school year's publication for the whole provider, from all its tallies at once.

Every view (a school's page, the schools side by side, the provider's trends, exports, the
§25 report) reads this one publication, so each shows the same figures hidden: differencing
two views gains an attacker nothing that the audit did not already allow for.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import datetime

from services.communal.domain.disclosure import protect
from services.communal.domain.disclosure_model import Figure
from services.communal.domain.periods import YEAR, SchoolYear
from services.communal.domain.publication_cells import Shown
from services.communal.domain.publication_figures import (
    OPEN_CASES,
    OTHER_SCHOOLS,
    PROVIDER,
    figures_of,
)
from services.communal.domain.publication_layout import HEADLINE, concerns_total
from services.communal.domain.publication_made import Publication
from services.communal.domain.publication_shapes import (
    ProviderFigures,
    ProviderTotal,
    SchoolFigures,
    SchoolRow,
    Statistic,
)
from services.communal.domain.publication_staffing import Staffing, staffing_of
from services.communal.domain.publication_statistics import statistics_of
from services.communal.domain.publication_units import units_of
from services.communal.domain.publication_withheld import nothing_for, withheld
from services.communal.domain.tallies import Measure, Tally

__all__ = ["Publication", "publish"]

_HISTOGRAMS = (Measure.SCHOOL_DAYS_TO_DISCUSSION, Measure.CASE_DAYS_OPEN)


def publish(
    tallies: Mapping[Tally, int],
    schools: Mapping[str, Staffing],
    year: SchoolYear,
    as_of: datetime,
) -> Publication:
    """The year's publication: ``tallies`` are the read-model's counters (of every year, as
    the cases open at the year's start count), ``schools`` the directory's §9a staffing."""
    counts = {(t.school_id, t.month, t.measure, t.key): n for t, n in tallies.items() if n}
    in_year = [k for k in counts if k[1] in year]
    concerns: Counter[str] = Counter()
    for k in in_year:
        if k[2:] == concerns_total:
            concerns[k[0]] += counts[k]
    units = units_of(concerns, {k[0] for k in in_year}, set(schools))
    pages = {s: withheld(s, year, as_of, "no_data", schools.get(s)) for s in units.without_data}
    if units.reason is not None:
        pages |= {s: withheld(s, year, as_of, "too_small", schools.get(s)) for s in units.rolled_up}
        return Publication(year, as_of, units, pages, nothing_for(year, as_of, units.reason), {})
    grouping = units.grouping
    figures = figures_of(counts, grouping, year)
    status = protect(figures.values, figures.shown, figures.relations)
    shown = Shown(figures.values, status, year)
    histograms: dict[str, dict[str, Counter[int]]] = {}
    for (school, month, measure, key), n in counts.items():
        if month in year and measure in _HISTOGRAMS:
            for unit in [*(u for u, ss in grouping.items() if school in ss), PROVIDER]:
                histograms.setdefault(unit, {}).setdefault(measure, Counter())[int(key)] += n

    def statistics(unit: str) -> dict[str, Statistic]:
        return statistics_of(unit, histograms.get(unit, {}), figures.values, status)

    for school in units.alone:
        pages[school] = SchoolFigures(
            school_id=school,
            school_year=year.start,
            months=year.months,
            as_of=as_of,
            publishable=True,
            reason=None,
            tables=shown.tables(school),
            statistics=statistics(school),
            open_cases=[shown.cell(Figure(school, *OPEN_CASES, m)) for m in year.months],
            staffing=staffing_of([schools.get(school)]),
        )
    pages |= {s: withheld(s, year, as_of, "too_small", schools.get(s)) for s in units.rolled_up}

    def headline(unit: str) -> dict[str, object]:
        return {name: shown.cell(Figure(unit, *f, YEAR)) for name, f in HEADLINE.items()}

    rows = [
        SchoolRow.model_validate(
            {
                "school_id": None if unit == OTHER_SCHOOLS else unit,
                "rolled_up": len(members) if unit == OTHER_SCHOOLS else 0,
                "figures": headline(unit),
                "statistics": statistics(unit),
                "staffing": staffing_of(schools.get(s) for s in members),
            }
        )
        for unit, members in grouping.items()
    ]
    total = ProviderTotal.model_validate(
        {
            "figures": headline(PROVIDER),
            "statistics": statistics(PROVIDER),
            "staffing": staffing_of(schools.get(s) for ss in grouping.values() for s in ss),
        }
    )
    provider = ProviderFigures(
        school_year=year.start,
        months=year.months,
        as_of=as_of,
        publishable=True,
        reason=None,
        schools=rows,
        total=total,
        tables=shown.tables(PROVIDER),
    )
    return Publication(year, as_of, units, pages, provider, status)
