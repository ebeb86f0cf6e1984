"""A few of a school's published figures, as the communal service publishes them: a
cell is a count, or suppressed (shown "<5"; or a cross, hidden so that a "<5" cannot be
worked out); a statistic is a value, or "too few" to say. Nothing is computed here from
what is hidden: a suppressed cell is shown as suppressed, never as a number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["HEADLINES", "Headlines", "Shown", "figure", "headlines"]

# (table, row key) of each indicator that is a count for the year, None for a total row.
_COUNTS: dict[str, tuple[str, str | None]] = {
    # by urgency adds up to all concerns (by category does not: a concern has several)
    "concerns_total": ("concerns_by_urgency", None),
    "concerns_social_relations_and_bullying": (
        "concerns_by_category",
        "social_relations_and_bullying",
    ),
    "concerns_mental_health": ("concerns_by_category", "mental_health"),
    "cases_opened": ("cases", "opened"),
    "cases_group_formed": ("cases", "group_formed"),
    "consents_refused": ("consents", "refused"),
    "notifications_failed": ("notifications", "failed"),
}
_STATISTICS = frozenset(
    {"discussions_within_limit_share", "median_school_days_to_discussion", "median_days_case_open"}
)
_SHARES = frozenset({"discussions_within_limit_share"})
HEADLINES = (
    "concerns_total",
    "cases_opened",
    "cases_group_formed",
    "discussions_within_limit_share",
    "median_school_days_to_discussion",
)


@dataclass(frozen=True)
class Shown:
    """One figure: ``kind`` is "value", "small" (<5), "complementary" (the cross),
    "too_few" or "missing" (not in what was published); ``share``: a fraction."""

    kind: str
    value: float | None = None
    share: bool = False


@dataclass(frozen=True)
class Headlines:
    school_year: int
    publishable: bool
    reason: str | None  # "too_small" or "no_data" when not publishable
    figures: tuple[tuple[str, Shown], ...]


def _cell(cell: Any) -> Shown:
    if isinstance(cell, Mapping):
        if cell.get("suppressed") in ("small", "complementary"):
            return Shown(str(cell["suppressed"]))
        if isinstance(cell.get("value"), int | float):
            return Shown("value", float(cell["value"]))
    return Shown("missing")


def _year_of(tables: Sequence[Any], table: str, key: str | None) -> Shown:
    for published in tables:
        if not isinstance(published, Mapping) or published.get("table") != table:
            continue
        if key is None:
            total = published.get("total")
            return _cell(total.get("year")) if isinstance(total, Mapping) else Shown("missing")
        for row in published.get("rows") or ():
            if isinstance(row, Mapping) and row.get("key") == key:
                return _cell(row.get("year"))
        return Shown("missing")  # not guessed as 0: only what is published is shown
    return Shown("missing")


def figure(tables: Sequence[Any], statistics: Mapping[str, Any], indicator: str) -> Shown:
    """The published value for the year of a plan's indicator."""
    if indicator in _COUNTS:
        return _year_of(tables, *_COUNTS[indicator])
    if indicator in _STATISTICS:
        stat = statistics.get(indicator)
        share = indicator in _SHARES
        if isinstance(stat, Mapping) and stat.get("suppressed") == "too_few":
            return Shown("too_few", share=share)
        if isinstance(stat, Mapping) and isinstance(stat.get("value"), int | float):
            return Shown("value", float(stat["value"]), share)
    return Shown("missing")


def headlines(published: Mapping[str, Any]) -> Headlines:
    """A school's ``SchoolFigures`` in a few figures, or why it has none to show."""
    tables = published.get("tables") or []
    statistics = published.get("statistics") or {}
    publishable = bool(published.get("publishable"))
    return Headlines(
        school_year=int(published.get("school_year") or 0),
        publishable=publishable,
        reason=None if publishable else str(published.get("reason") or "no_data"),
        figures=tuple((code, figure(tables, statistics, code)) for code in HEADLINES)
        if publishable
        else (),
    )
