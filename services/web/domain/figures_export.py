"""Exactly what is published, as rows for a spreadsheet and as JSON for a program: the
same cells hidden as on the page ("<5", the times sign), labels in the asked language,
the codes kept in the JSON so that a program need not read any language."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from services.web.domain.figures import Cell, Hidden, Row, Statistic, Table
from services.web.domain.figures_words import (
    HIDDEN_MEANINGS,
    ROW_LABELS,
    STATISTIC_LABELS,
    TABLE_LABELS,
    TABLE_ORDER,
    TERM_LABELS,
)
from services.web.domain.words import N_

__all__ = [
    "Words",
    "cell_json",
    "legend_json",
    "ordered",
    "row_json",
    "statistic_json",
    "statistic_rows",
    "statistic_text",
    "table_json",
    "table_rows",
]


@dataclass(frozen=True)
class Words:
    """The asked language: ``say`` translates a message, ``month`` names a month key."""

    say: Callable[[str], str]
    month: Callable[[str], str]
    language: str

    def header(self, months: tuple[str, ...]) -> list[str]:
        periods = [self.month(m) for m in months] + [self.say(t) for t in TERM_LABELS]
        return [
            self.say(N_("School")),
            self.say(N_("Table")),
            self.say(N_("Row")),
            *periods,
            self.say(N_("School year")),
        ]

    def table(self, code: str) -> str:
        return self.say(TABLE_LABELS[code]) if code in TABLE_LABELS else code

    def row(self, table: str, key: str) -> str:
        label = ROW_LABELS.get(table, {}).get(key)
        return self.say(label) if label else key


def ordered(tables: tuple[Table, ...]) -> list[Table]:
    """The tables in the page's order; one this app has no words for comes last."""
    rank = {name: i for i, name in enumerate(TABLE_ORDER)}
    return sorted(tables, key=lambda t: rank.get(t.table, len(rank)))


def statistic_text(name: str, statistic: Statistic | None, words: Words) -> str:
    if statistic is None or statistic.value is None:
        return words.say(N_("too few"))
    if name.endswith("_share"):
        return f"{round(statistic.value * 100, 1)} %"
    return f"{round(statistic.value, 1)}"


def table_rows(school: str, tables: tuple[Table, ...], words: Words) -> Iterator[list[str]]:
    for table in ordered(tables):
        label = words.table(table.table)
        for row in table.rows:
            yield [school, label, words.row(table.table, row.key), *_shown(row)]
        if table.total:
            yield [school, label, words.say(N_("Total")), *_shown(table.total)]


def statistic_rows(
    school: str, statistics: dict[str, Statistic], months: int, words: Words
) -> Iterator[list[str]]:
    label = words.say(N_("Statistics"))
    for name, statistic in statistics.items():
        name_label = words.say(STATISTIC_LABELS[name]) if name in STATISTIC_LABELS else name
        blanks = [""] * (months + 2)
        yield [school, label, name_label, *blanks, statistic_text(name, statistic, words)]


def _shown(row: Row) -> list[str]:
    return [c.shown for c in row.periods]


def cell_json(cell: Cell) -> dict[str, Any]:
    if cell.hidden:
        return {"suppressed": cell.hidden.value, "shown": cell.shown}
    return {"value": cell.value}


def row_json(table: str, row: Row, words: Words, label: str | None = None) -> dict[str, Any]:
    return {
        "key": row.key,
        "label": label or words.row(table, row.key),
        "months": [cell_json(c) for c in row.months],
        "terms": {"autumn": cell_json(row.terms[0]), "spring": cell_json(row.terms[1])},
        "year": cell_json(row.year),
    }


def table_json(table: Table, words: Words) -> dict[str, Any]:
    total = table.total
    return {
        "table": table.table,
        "label": words.table(table.table),
        "additive": table.additive,
        "rows": [row_json(table.table, r, words) for r in table.rows],
        "total": row_json(table.table, total, words, words.say(N_("Total"))) if total else None,
    }


def statistic_json(name: str, statistic: Statistic, words: Words) -> dict[str, Any]:
    label = words.say(STATISTIC_LABELS[name]) if name in STATISTIC_LABELS else name
    if statistic.value is None:
        return {"label": label, "suppressed": "too_few"}
    return {"label": label, "value": statistic.value, "n": statistic.n}


def legend_json(words: Words) -> dict[str, Any]:
    return {
        h.value: {"shown": Cell(hidden=h).shown, "meaning": words.say(HIDDEN_MEANINGS[h])}
        for h in Hidden
    }
