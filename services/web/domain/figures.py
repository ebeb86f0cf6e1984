"""A school's and the provider's published figures as the communal service gives them.

Only what the service published is here: a suppressed cell carries no number at all, so
nothing downstream (a table, a chart, an export) can show one. The web app computes no
figure of its own: a sum or a difference of published cells is the service's to publish.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

__all__ = [
    "MARKS",
    "Cell",
    "Hidden",
    "Row",
    "Statistic",
    "Table",
    "cell_of",
    "cells_of",
    "row_of",
    "statistic_of",
    "statistics_of",
    "table_of",
]

TERMS = ("autumn", "spring")


class Hidden(StrEnum):
    """Why a cell is not shown: its count is 1-4, or it would let a "<5" be worked out."""

    SMALL = "small"
    COMPLEMENTARY = "complementary"


# How a hidden cell is written everywhere: on the page, in the charts and in the exports.
MARKS = {Hidden.SMALL: "<5", Hidden.COMPLEMENTARY: "\u00d7"}


@dataclass(frozen=True)
class Cell:
    value: int | None = None  # None exactly when hidden
    hidden: Hidden | None = None

    @property
    def shown(self) -> str:
        """The cell as every view writes it: the count, "<5", or the times sign."""
        return MARKS[self.hidden] if self.hidden else str(self.value)


@dataclass(frozen=True)
class Row:
    key: str
    months: tuple[Cell, ...]
    terms: tuple[Cell, Cell]  # autumn, spring
    year: Cell

    @property
    def periods(self) -> tuple[Cell, ...]:
        """The months, the two terms and the year: a table's columns, in order."""
        return (*self.months, *self.terms, self.year)


@dataclass(frozen=True)
class Table:
    table: str
    additive: bool
    rows: tuple[Row, ...]
    total: Row | None

    def row(self, key: str) -> Row | None:
        return next((r for r in self.rows if r.key == key), None)


@dataclass(frozen=True)
class Statistic:
    value: float | None  # None: too few to publish
    n: int | None = None


def cell_of(seen: Mapping[str, Any] | None) -> Cell:
    """A cell; one the service marks suppressed never keeps a value, whatever else it says."""
    if not seen:
        return Cell(hidden=Hidden.COMPLEMENTARY)  # missing: never guess it is zero
    if seen.get("suppressed"):
        hidden = Hidden.SMALL if seen["suppressed"] == "small" else Hidden.COMPLEMENTARY
        return Cell(hidden=hidden)
    return Cell(value=int(seen["value"]))


def cells_of(seen: Sequence[Mapping[str, Any]] | None) -> tuple[Cell, ...]:
    return tuple(cell_of(c) for c in seen or ())


def row_of(seen: Mapping[str, Any]) -> Row:
    terms = seen.get("terms") or {}
    autumn, spring = (cell_of(terms.get(term)) for term in TERMS)
    return Row(
        key=str(seen["key"]),
        months=cells_of(seen.get("months")),
        terms=(autumn, spring),
        year=cell_of(seen.get("year")),
    )


def table_of(seen: Mapping[str, Any]) -> Table:
    total = seen.get("total")
    return Table(
        table=str(seen["table"]),
        additive=bool(seen.get("additive")),
        rows=tuple(row_of(r) for r in seen.get("rows") or ()),
        total=row_of(total) if total else None,
    )


def statistic_of(seen: Mapping[str, Any] | None) -> Statistic:
    if not seen or seen.get("suppressed") or seen.get("value") is None:
        return Statistic(None)
    return Statistic(float(seen["value"]), int(seen.get("n") or 0))


def statistics_of(seen: Mapping[str, Any] | None) -> dict[str, Statistic]:
    return {str(name): statistic_of(s) for name, s in (seen or {}).items()}
