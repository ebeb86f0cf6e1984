"""A protected figure as the publication shows it: a cell, a row, a table."""

from __future__ import annotations

from collections.abc import Mapping

from services.communal.domain.disclosure_model import Figure, Status
from services.communal.domain.periods import YEAR, SchoolYear, Term
from services.communal.domain.publication_layout import TABLES, TOTAL
from services.communal.domain.publication_shapes import Cell, CellHidden, CellValue, Row, Table

__all__ = ["Shown"]


class Shown:
    """The figures' values and statuses, read out as cells."""

    def __init__(
        self, values: Mapping[Figure, int], status: Mapping[Figure, Status], year: SchoolYear
    ) -> None:
        self._values, self._status, self._year = values, status, year

    def cell(self, figure: Figure) -> Cell:
        status = self._status[figure]
        if status is Status.PUBLISHED:
            return CellValue(value=self._values[figure])
        if status is Status.SMALL:
            return CellHidden(suppressed="small")
        if status is Status.COMPLEMENTARY:
            return CellHidden(suppressed="complementary")
        raise ValueError(f"{figure} is shown nowhere")  # a bug in the publication's views

    def row(self, unit: str, measure: str, key: str, named: str | None = None) -> Row:
        def at(column: str) -> Cell:
            return self.cell(Figure(unit, measure, key, column))

        return Row(
            key=named or key,
            months=[at(m) for m in self._year.months],
            terms={"autumn": at(Term.AUTUMN), "spring": at(Term.SPRING)},
            year=at(YEAR),
        )

    def tables(self, unit: str) -> list[Table]:
        return [
            Table(
                table=layout.table,
                additive=layout.additive,
                rows=[self.row(unit, layout.table, key) for key in layout.keys],
                total=None if layout.total is None else self.row(unit, *layout.total, TOTAL),
            )
            for layout in TABLES
        ]
