"""What a school's page and the provider's figures say when there is nothing to show:
why (``too_small`` or ``no_data``), and never a number of welfare work."""

from __future__ import annotations

from datetime import datetime

from services.communal.domain.periods import SchoolYear
from services.communal.domain.publication_shapes import (
    ProviderFigures,
    Reason,
    SchoolFigures,
    Statistic,
    StatisticWithheld,
)
from services.communal.domain.publication_staffing import Staffing, staffing_of
from services.communal.domain.publication_statistics import STATISTICS

__all__ = ["nothing_for", "withheld"]


def withheld(
    school_id: str, year: SchoolYear, as_of: datetime, reason: Reason, staffing: Staffing | None
) -> SchoolFigures:
    too_few: Statistic = StatisticWithheld(suppressed="too_few")
    return SchoolFigures.model_validate(
        {
            "school_id": school_id,
            "school_year": year.start,
            "months": year.months,
            "as_of": as_of,
            "publishable": False,
            "reason": reason,
            "tables": [],
            "statistics": dict.fromkeys(STATISTICS, too_few),
            "open_cases": [],
            "staffing": staffing_of([staffing]),
            "counted_in_other_schools": reason == "too_small",
        }
    )


def nothing_for(year: SchoolYear, as_of: datetime, reason: Reason) -> ProviderFigures:
    return ProviderFigures(
        school_year=year.start,
        months=year.months,
        as_of=as_of,
        publishable=False,
        reason=reason,
        schools=[],
        total=None,
        tables=[],
    )
