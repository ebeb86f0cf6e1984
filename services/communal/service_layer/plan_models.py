"""The JSON of the welfare plan: the draft a save takes, the version it answers with, and
the plan's page (its current version, every version, the review). Only types here; the
rules are the domain's, which name the body's own fields (``parts.cooperation``)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from services.communal.domain.welfare_plan import (
    IndicatorCode,
    Participant,
    PlanContent,
    PlanPart,
    PlanVersion,
    PlanVersionEntry,
    Review,
)
from shared.contracts import Role

__all__ = [
    "IndicatorTarget",
    "PlanDraft",
    "PlanPage",
    "PlanParts",
    "PlanVersionView",
    "ReviewView",
    "VersionEntry",
]


class PlanParts(BaseModel):
    """The four parts §13 requires, every one of them."""

    model_config = ConfigDict(extra="forbid")

    need_and_services: str
    communal_measures: str
    cooperation: str = Field(description="With the students' families and the partners.")
    against_violence_bullying_harassment: str

    def by_part(self) -> dict[PlanPart, str]:
        return {part: getattr(self, part.value) for part in PlanPart}


class IndicatorTarget(BaseModel):
    model_config = ConfigDict(extra="forbid")

    indicator: IndicatorCode
    target: str
    note: str = ""


class PlanDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")

    parts: PlanParts
    drawn_up_with: list[Participant] = Field(description="Groups who took part, never persons.")
    participation_note: str = ""
    indicators: list[IndicatorTarget] = Field(default_factory=list)
    adopted_on: date
    review_by: date | None = Field(default=None, description="Default: a year after adoption.")


class PlanVersionView(PlanDraft):
    scope: str = Field(description='"provider", or the school\'s id.')
    version: int
    review_by: date
    saved_at: datetime
    saved_by_role: Role

    @classmethod
    def of(cls, plan: PlanVersion) -> PlanVersionView:
        content: PlanContent = plan.content
        return cls(
            parts=PlanParts(**{part.value: text for part, text in content.parts}),
            drawn_up_with=list(content.drawn_up_with),
            participation_note=content.participation_note,
            indicators=[
                IndicatorTarget(indicator=i.indicator, target=i.target, note=i.note)
                for i in content.indicators
            ],
            adopted_on=content.adopted_on,
            review_by=content.review_by,
            scope=plan.scope,
            version=plan.version,
            saved_at=plan.saved_at,
            saved_by_role=plan.saved_by_role,
        )


class VersionEntry(BaseModel):
    version: int
    adopted_on: date
    saved_at: datetime

    @classmethod
    def of(cls, entry: PlanVersionEntry) -> VersionEntry:
        return cls(version=entry.version, adopted_on=entry.adopted_on, saved_at=entry.saved_at)


class ReviewView(BaseModel):
    due_on: date
    days_left: int = Field(description="Negative once the review is overdue.")
    overdue: bool

    @classmethod
    def of(cls, review: Review) -> ReviewView:
        return cls(due_on=review.due_on, days_left=review.days_left, overdue=review.overdue)


class PlanPage(BaseModel):
    current: PlanVersionView | None
    versions: list[VersionEntry] = Field(description="Newest first.")
    review: ReviewView | None
