"""The publication's JSON shapes: codes and counts, never words (the web app translates).

A cell is a count or the reason it is hidden: "small" (shown "<5") or "complementary"
(shown "x": hidden so that a "<5" cannot be worked out). A statistic is a value over ``n``
figures, or withheld: "too_few" (fewer than 5 behind it) or "complementary" (what it is
drawn from is hidden). ``model_dump(mode="json")`` gives the shapes of CONTEXT17.md.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

__all__ = [
    "Cell",
    "CellHidden",
    "CellValue",
    "ProviderFigures",
    "ProviderTotal",
    "Reason",
    "Row",
    "SchoolFigures",
    "SchoolRow",
    "StaffingFigures",
    "Statistic",
    "StatisticValue",
    "StatisticWithheld",
    "Table",
]

Reason = Literal["too_small", "no_data"]


class _Shape(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CellValue(_Shape):
    value: int


class CellHidden(_Shape):
    suppressed: Literal["small", "complementary"]


Cell = CellValue | CellHidden


class Row(_Shape):
    key: str
    months: list[Cell]
    terms: dict[Literal["autumn", "spring"], Cell]
    year: Cell


class Table(_Shape):
    table: str
    additive: bool
    rows: list[Row]
    total: Row | None


class StatisticValue(_Shape):
    value: float
    n: int


class StatisticWithheld(_Shape):
    suppressed: Literal["too_few", "complementary"]


Statistic = StatisticValue | StatisticWithheld


class StaffingFigures(_Shape):
    """§9a: students per full-time psychologist and kuraattori, against the ceilings."""

    students: int
    psychologist_fte: float
    kuraattori_fte: float
    students_per_psychologist: float | None  # None: no working time allocated
    students_per_kuraattori: float | None
    psychologist_ceiling: int = 780
    kuraattori_ceiling: int = 670


class SchoolFigures(_Shape):
    school_id: str
    school_year: int
    months: list[str]
    as_of: datetime
    publishable: bool
    reason: Reason | None
    tables: list[Table]
    statistics: dict[str, Statistic]
    open_cases: list[Cell]
    staffing: StaffingFigures | None
    # A school too small to show alone: its figures are counted in "other schools".
    counted_in_other_schools: bool = False


class SchoolRow(_Shape):
    school_id: str | None  # None: the rolled-up "other schools"
    rolled_up: int  # 0, or how many schools the row sums
    figures: dict[str, Cell]
    statistics: dict[str, Statistic]
    staffing: StaffingFigures | None


class ProviderTotal(_Shape):
    figures: dict[str, Cell]
    statistics: dict[str, Statistic]
    staffing: StaffingFigures | None


class ProviderFigures(_Shape):
    school_year: int
    months: list[str]
    as_of: datetime
    publishable: bool
    reason: Reason | None
    schools: list[SchoolRow]
    total: ProviderTotal | None
    tables: list[Table]
