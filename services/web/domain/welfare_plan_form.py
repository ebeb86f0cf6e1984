"""The welfare plan's form (§13): a new version, its four parts, who took part in drawing
it up, its self-monitoring indicators, when it was adopted and is to be reviewed; kept as
typed, prefilled from the current version, and the service's ``PlanDraft`` made of it.

Fields are named as the service names them ("parts.cooperation", "indicators.1.note"),
so the service's refusals land beside them without a table to keep in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from services.web.domain.community_forms import Fields, day_of, one, rows_of, rows_shown
from services.web.domain.community_words import DRAWN_UP_WITH, INDICATORS, PLAN_PARTS
from services.web.domain.welfare_plan_version import PlanVersion
from services.web.domain.words import N_

__all__ = ["PLAN_FIELDS", "IndicatorRow", "PlanDraft"]

# The form's fields in their order, as the service names them (a list by its prefix).
PLAN_FIELDS = (
    *(f"parts.{part}" for part in PLAN_PARTS),
    "drawn_up_with",
    "participation_note",
    "indicators",
    "adopted_on",
    "review_by",
)
_COLUMNS = ("indicator", "target", "note")


@dataclass(frozen=True)
class IndicatorRow:
    indicator: str = ""
    target: str = ""
    note: str = ""


@dataclass(frozen=True)
class PlanDraft:
    """The form as typed, to fill it in again: nothing here is checked yet."""

    parts: Mapping[str, str] = field(default_factory=dict)
    drawn_up_with: tuple[str, ...] = ()
    participation_note: str = ""
    indicators: tuple[IndicatorRow, ...] = ()
    adopted_on: str = ""
    review_by: str = ""
    more: bool = False

    @classmethod
    def of(cls, fields: Fields) -> PlanDraft:
        return cls(
            parts={part: one(fields, f"parts.{part}") for part in PLAN_PARTS},
            drawn_up_with=tuple(fields.get("drawn_up_with") or ()),
            participation_note=one(fields, "participation_note"),
            indicators=tuple(
                IndicatorRow(**{c: row.get(c, "") for c in _COLUMNS})
                for row in rows_of(fields, "indicators", _COLUMNS)
            ),
            adopted_on=one(fields, "adopted_on").strip(),
            review_by=one(fields, "review_by").strip(),
            more=one(fields, "more") == "indicators",
        )

    @classmethod
    def following(cls, current: PlanVersion | None, today: date) -> PlanDraft:
        """A new version's form: the current version's text, to be adopted today."""
        if current is None:
            return cls(adopted_on=today.isoformat())
        return cls(
            parts=dict(current.parts),
            drawn_up_with=current.drawn_up_with,
            participation_note=current.participation_note,
            indicators=tuple(
                IndicatorRow(i.indicator, i.target, i.note) for i in current.indicators
            ),
            adopted_on=today.isoformat(),  # the review date follows from it, unless given
        )

    @property
    def indicator_rows(self) -> int:
        return rows_shown(len(self.indicators), 3, self.more)

    def parse(self) -> tuple[dict[str, Any] | None, dict[str, str]]:
        """The service's ``PlanDraft``, or None and a message (to translate) per field."""
        errors: dict[str, str] = {}
        for part in PLAN_PARTS:
            if not self.parts.get(part, "").strip():
                errors[f"parts.{part}"] = N_("Write this part: the law requires all four.")
        if not set(self.drawn_up_with) <= set(DRAWN_UP_WITH):
            errors["drawn_up_with"] = N_("Choose who took part from the list.")
        for n, row in enumerate(self.indicators):
            if row.indicator not in INDICATORS:
                errors[f"indicators.{n}.indicator"] = N_("Choose the figure this target is for.")
            if not row.target.strip():
                errors[f"indicators.{n}.target"] = N_("Give the target for this figure.")
        adopted_on, review_by = day_of(self.adopted_on), day_of(self.review_by)
        if adopted_on is None:
            errors["adopted_on"] = N_("Enter the day the plan was adopted.")
        if self.review_by and review_by is None:
            errors["review_by"] = N_("Enter the review day as a date, or leave it empty.")
        elif adopted_on and review_by and review_by <= adopted_on:
            errors["review_by"] = N_("The review must come after the plan was adopted.")
        if errors or adopted_on is None:
            return None, errors
        return {
            "parts": {part: self.parts[part].strip() for part in PLAN_PARTS},
            "drawn_up_with": [g for g in DRAWN_UP_WITH if g in self.drawn_up_with],
            "participation_note": self.participation_note.strip(),
            "indicators": [
                {"indicator": r.indicator, "target": r.target.strip(), "note": r.note.strip()}
                for r in self.indicators
            ],
            "adopted_on": adopted_on.isoformat(),
            "review_by": review_by.isoformat() if review_by else None,
        }, {}
