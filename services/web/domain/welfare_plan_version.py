"""A saved version of a welfare plan, as the communal service keeps it: read-only (a new
version is saved to change it, so what a plan said on any day can always be shown)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from services.web.domain.community_words import PLAN_PARTS

__all__ = ["Indicator", "PlanVersion", "VersionRow", "version_of", "version_row_of"]


@dataclass(frozen=True)
class Indicator:
    indicator: str
    target: str
    note: str


@dataclass(frozen=True)
class PlanVersion:
    scope: str  # "provider", or the school's id
    version: int
    parts: tuple[tuple[str, str], ...]  # (part, text), in the law's order
    drawn_up_with: tuple[str, ...]
    participation_note: str
    indicators: tuple[Indicator, ...]
    adopted_on: date
    review_by: date | None
    saved_at: datetime
    saved_by_role: str


@dataclass(frozen=True)
class VersionRow:
    version: int
    adopted_on: date
    saved_at: datetime


def _day(value: Any) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def version_of(seen: Mapping[str, Any]) -> PlanVersion:
    parts = seen.get("parts") or {}
    return PlanVersion(
        scope=str(seen.get("scope", "")),
        version=int(seen["version"]),
        parts=tuple((part, str(parts.get(part, ""))) for part in PLAN_PARTS),
        drawn_up_with=tuple(str(g) for g in seen.get("drawn_up_with", ())),
        participation_note=str(seen.get("participation_note") or ""),
        indicators=tuple(
            Indicator(str(i.get("indicator", "")), str(i.get("target", "")), str(i.get("note", "")))
            for i in seen.get("indicators", ())
        ),
        adopted_on=date.fromisoformat(str(seen["adopted_on"])),
        review_by=_day(seen.get("review_by")),
        saved_at=datetime.fromisoformat(str(seen["saved_at"])),
        saved_by_role=str(seen.get("saved_by_role", "")),
    )


def version_row_of(seen: Mapping[str, Any]) -> VersionRow:
    return VersionRow(
        version=int(seen["version"]),
        adopted_on=date.fromisoformat(str(seen["adopted_on"])),
        saved_at=datetime.fromisoformat(str(seen["saved_at"])),
    )
