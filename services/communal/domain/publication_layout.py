"""The publication's tables: their rows, which of them add up, and the side-by-side row.

Rows are the vocabulary's codes, all of them, so that a row of zeros is shown as zeros and
no reader infers anything from a row's absence. A table is additive when its rows count
disjoint things, so that their sum is a figure of its own (the total row): urgency and the
raiser both split the concerns; the categories do not (a concern can have several), nor do
the cases' or discussions' rows, which count different steps of the same cases.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.communal.domain.tallies import Measure
from shared.contracts import ConcernCategory, MeasureKind, RequestedBy, Urgency

# Discipline and learning support are refused as expert-group work, so never agreed.
_AGREEABLE = tuple(
    k.value for k in MeasureKind if k not in (MeasureKind.DISCIPLINE, MeasureKind.LEARNING_SUPPORT)
)

__all__ = ["HEADLINE", "TABLES", "TOTAL", "TableLayout", "concerns_total"]

TOTAL = "total"


@dataclass(frozen=True)
class TableLayout:
    table: str
    keys: tuple[str, ...]
    # The figure the rows add up to, as (measure, key); None: the table has no total row.
    total: tuple[str, str] | None = None
    # Each row is at most this total, and the rows together at least it (categories).
    bounded_by: tuple[str, str] | None = None

    @property
    def additive(self) -> bool:
        return self.total is not None


concerns_total = (Measure.CONCERNS, "all")

TABLES: tuple[TableLayout, ...] = (
    TableLayout(
        Measure.CONCERNS_BY_CATEGORY,
        tuple(c.value for c in ConcernCategory),
        bounded_by=concerns_total,
    ),
    TableLayout(Measure.CONCERNS_BY_URGENCY, tuple(u.value for u in Urgency), concerns_total),
    TableLayout(Measure.CONCERNS_BY_RAISER, tuple(r.value for r in RequestedBy), concerns_total),
    TableLayout(Measure.DISCUSSIONS, ("within_limit", "late", "no_limit", "deadline_passed")),
    TableLayout(Measure.CASES, ("opened", "concern_linked", "group_formed", "closed")),
    TableLayout(Measure.MEASURES, _AGREEABLE, (Measure.MEASURES, TOTAL)),
    TableLayout(Measure.CONSENTS, ("given", "refused", "withdrawn")),
    TableLayout(Measure.NOTIFICATIONS, ("delivered", "failed"), (Measure.NOTIFICATIONS, TOTAL)),
)

# The schools side by side: each school's year in one row, by these figures.
HEADLINE: dict[str, tuple[str, str]] = {
    "concerns": concerns_total,
    "cases_opened": (Measure.CASES, "opened"),
    "cases_closed": (Measure.CASES, "closed"),
    "group_formed": (Measure.CASES, "group_formed"),
    "within_limit": (Measure.DISCUSSIONS, "within_limit"),
    "late": (Measure.DISCUSSIONS, "late"),
    "no_limit": (Measure.DISCUSSIONS, "no_limit"),
    "deadline_passed": (Measure.DISCUSSIONS, "deadline_passed"),
    "consents_refused": (Measure.CONSENTS, "refused"),
    "notifications_failed": (Measure.NOTIFICATIONS, "failed"),
}
