"""The welfare plan's self-monitoring indicators (§13), each tied to the published
figure it names, so the yearly report (§25) can set a target beside its result.

A result is only ever a published cell or statistic: an indicator whose figure is hidden
shows it hidden, and one the publication lacks shows nothing, never a guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from services.web.domain.figures import Cell, Statistic
from services.web.domain.figures_school import ProviderFigures
from services.web.domain.words import N_

__all__ = ["INDICATORS", "Indicator", "PlanIndicator", "plan_indicators"]


@dataclass(frozen=True)
class Indicator:
    label: str
    anchor: str  # where on the report the figure it names is shown
    figure: str | None = None  # a headline figure of the provider's total
    statistic: str | None = None
    table: tuple[str, str] | None = None  # (table, row) of the provider's trends


INDICATORS: dict[str, Indicator] = {
    "concerns_total": Indicator(N_("Concerns raised"), "schools", figure="concerns"),
    "concerns_social_relations_and_bullying": Indicator(
        N_("Concerns about friendships and bullying"),
        "table-concerns_by_category",
        table=("concerns_by_category", "social_relations_and_bullying"),
    ),
    "concerns_mental_health": Indicator(
        N_("Concerns about mental health"),
        "table-concerns_by_category",
        table=("concerns_by_category", "mental_health"),
    ),
    "discussions_within_limit_share": Indicator(
        N_("Share of discussions within the limit"),
        "timeliness",
        statistic="discussions_within_limit_share",
    ),
    "median_school_days_to_discussion": Indicator(
        N_("Median school days to the discussion"),
        "timeliness",
        statistic="median_school_days_to_discussion",
    ),
    "cases_opened": Indicator(N_("Cases opened"), "schools", figure="cases_opened"),
    "cases_group_formed": Indicator(N_("Expert-group cases"), "schools", figure="group_formed"),
    "median_days_case_open": Indicator(
        N_("Median days a case was open"), "schools", statistic="median_days_case_open"
    ),
    "consents_refused": Indicator(N_("Consents refused"), "schools", figure="consents_refused"),
    "notifications_failed": Indicator(
        N_("Notifications that failed"),
        "table-notifications",
        table=("notifications", "failed"),
    ),
}


@dataclass(frozen=True)
class PlanIndicator:
    code: str
    indicator: Indicator | None  # None: a code this web app does not know
    target: str
    note: str
    cell: Cell | None = None
    statistic: Statistic | None = None


def _result(indicator: Indicator, figures: ProviderFigures) -> tuple[Cell | None, Statistic | None]:
    if indicator.figure:
        return figures.total.figures.get(indicator.figure), None
    if indicator.statistic:
        return None, figures.total.statistics.get(indicator.statistic)
    if indicator.table:
        table = figures.table(indicator.table[0])
        row = table.row(indicator.table[1]) if table else None
        return (row.year if row else None), None
    return None, None


def plan_indicators(
    plan: Mapping[str, Any] | None, figures: ProviderFigures
) -> tuple[PlanIndicator, ...]:
    """The current plan's indicators with the year's published result beside each."""
    current = (plan or {}).get("current") or {}
    found = []
    for seen in current.get("indicators") or ():
        code = str(seen.get("indicator", ""))
        indicator = INDICATORS.get(code)
        cell, statistic = _result(indicator, figures) if indicator else (None, None)
        target, note = str(seen.get("target") or ""), str(seen.get("note") or "")
        found.append(PlanIndicator(code, indicator, target, note, cell, statistic))
    return tuple(found)
