"""A school's figures for a school year, the provider's schools side by side, and the §9a
staffing of each against the ceilings, as the communal service publishes them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.web.domain.figures import (
    Cell,
    Statistic,
    Table,
    cell_of,
    cells_of,
    statistics_of,
    table_of,
)
from services.web.domain.school import Load

__all__ = [
    "ProviderFigures",
    "ProviderSchool",
    "SchoolFigures",
    "StaffLoad",
    "Staffing",
    "provider_figures_of",
    "school_figures_of",
]


@dataclass(frozen=True)
class StaffLoad:
    """One profession against its §9a ceiling: students per full-time professional."""

    role: str
    fte: float
    students_per_fte: float | None
    ceiling: int

    @property
    def load(self) -> Load:
        if self.students_per_fte is None:
            return Load.NOBODY
        return Load.WITHIN if self.students_per_fte <= self.ceiling else Load.OVER


@dataclass(frozen=True)
class Staffing:
    students: int
    professions: tuple[StaffLoad, StaffLoad]  # psychologists, kuraattorit


@dataclass(frozen=True)
class SchoolFigures:
    school_id: str
    school_year: int
    months: tuple[str, ...]  # "YYYY-MM", August first
    as_of: datetime | None
    publishable: bool
    reason: str | None  # "too_small", "no_data"
    tables: tuple[Table, ...]
    statistics: dict[str, Statistic]
    open_cases: tuple[Cell, ...]
    staffing: Staffing | None

    def table(self, name: str) -> Table | None:
        return next((t for t in self.tables if t.table == name), None)


@dataclass(frozen=True)
class ProviderSchool:
    school_id: str | None  # None: the row of the schools rolled up together
    rolled_up: int
    figures: dict[str, Cell]
    statistics: dict[str, Statistic]
    staffing: Staffing | None


@dataclass(frozen=True)
class ProviderFigures:
    school_year: int
    months: tuple[str, ...]
    as_of: datetime | None
    schools: tuple[ProviderSchool, ...]
    total: ProviderSchool
    tables: tuple[Table, ...]

    def table(self, name: str) -> Table | None:
        return next((t for t in self.tables if t.table == name), None)


def staffing_of(seen: Mapping[str, Any] | None) -> Staffing | None:
    if not seen:
        return None

    def load(role: str) -> StaffLoad:
        per = seen.get(f"students_per_{role}")
        return StaffLoad(
            role=role,
            fte=float(seen.get(f"{role}_fte") or 0),
            students_per_fte=float(per) if per is not None else None,
            ceiling=int(seen[f"{role}_ceiling"]),
        )

    return Staffing(int(seen["students"]), (load("psychologist"), load("kuraattori")))


def _when(seen: Any) -> datetime | None:
    return datetime.fromisoformat(str(seen)) if seen else None


def school_figures_of(seen: Mapping[str, Any]) -> SchoolFigures:
    publishable = bool(seen.get("publishable"))
    return SchoolFigures(
        school_id=str(seen["school_id"]),
        school_year=int(seen["school_year"]),
        months=tuple(str(m) for m in seen.get("months") or ()),
        as_of=_when(seen.get("as_of")),
        publishable=publishable,
        reason=str(seen["reason"]) if seen.get("reason") else None,
        # Not publishable: whatever else came, nothing of it is shown.
        tables=tuple(table_of(t) for t in seen.get("tables") or ()) if publishable else (),
        statistics=statistics_of(seen.get("statistics")) if publishable else {},
        open_cases=cells_of(seen.get("open_cases")) if publishable else (),
        staffing=staffing_of(seen.get("staffing")) if publishable else None,
    )


def _school_of(seen: Mapping[str, Any]) -> ProviderSchool:
    return ProviderSchool(
        school_id=str(seen["school_id"]) if seen.get("school_id") else None,
        rolled_up=int(seen.get("rolled_up") or 0),
        figures={str(k): cell_of(c) for k, c in (seen.get("figures") or {}).items()},
        statistics=statistics_of(seen.get("statistics")),
        staffing=staffing_of(seen.get("staffing")),
    )


def provider_figures_of(seen: Mapping[str, Any]) -> ProviderFigures:
    return ProviderFigures(
        school_year=int(seen["school_year"]),
        months=tuple(str(m) for m in seen.get("months") or ()),
        as_of=_when(seen.get("as_of")),
        schools=tuple(_school_of(s) for s in seen.get("schools") or ()),
        total=_school_of({"school_id": None, **(seen.get("total") or {})}),
        tables=tuple(table_of(t) for t in seen.get("tables") or ()),
    )
