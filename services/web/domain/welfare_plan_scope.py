"""Whose welfare plan a page is about, and its yearly review in words a screen can use.

A school's plan lives at the communal service's /schools/{id}/welfare-plan, the education
provider's own at /welfare-plan; the pages follow the same split (/community/{id}/plan,
/provider/plan), so one set of templates serves both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

__all__ = ["SOON_DAYS", "PlanScope", "Review", "review_of"]

SOON_DAYS = 30  # a month ahead is when a review has to be put on a group's agenda


@dataclass(frozen=True)
class PlanScope:
    school_id: str | None = None  # None: the education provider's own plan

    @property
    def api(self) -> str:
        return f"/schools/{self.school_id}/welfare-plan" if self.school_id else "/welfare-plan"

    @property
    def page(self) -> str:
        return f"/community/{self.school_id}/plan" if self.school_id else "/provider/plan"

    @property
    def figures_page(self) -> str:
        return f"/community/{self.school_id}/figures" if self.school_id else "/provider"


@dataclass(frozen=True)
class Review:
    due_on: date
    days_left: int  # negative once overdue
    overdue: bool

    @property
    def state(self) -> str:
        """ "overdue", "today", "soon" (within SOON_DAYS) or "ahead": a badge's kind."""
        if self.overdue or self.days_left < 0:
            return "overdue"
        if self.days_left == 0:
            return "today"
        return "soon" if self.days_left <= SOON_DAYS else "ahead"

    @property
    def days_over(self) -> int:
        return max(-self.days_left, 0)


def review_of(seen: Mapping[str, Any] | None) -> Review | None:
    if not seen or not seen.get("due_on"):
        return None
    return Review(
        due_on=date.fromisoformat(str(seen["due_on"])),
        days_left=int(seen.get("days_left", 0)),
        overdue=bool(seen.get("overdue")),
    )
