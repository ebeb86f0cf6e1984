"""The welfare plan (opiskeluhuoltosuunnitelma, §13): one per school, and the education
provider's own, each a series of versions that are never rewritten (a new save is the next
version), so that what was in force on a day can always be read again.

Its four parts are the ones §13 requires; who took part in drawing it up is named by group,
never by person; its self-monitoring indicators each point at a published statistic (§25).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from services.communal.domain.plan_review import Review, checked_dates, review_status
from services.communal.domain.plan_vocabulary import IndicatorCode, Participant, PlanPart
from services.communal.domain.refusals import Refused
from services.communal.domain.texts import bounded
from shared.contracts import Role

__all__ = [
    "PROVIDER",
    "Indicator",
    "IndicatorCode",
    "Participant",
    "PlanContent",
    "PlanPart",
    "PlanVersion",
    "PlanVersionEntry",
    "Review",
    "draft",
    "next_version",
    "review_status",
]

PROVIDER = "provider"  # the scope of the education provider's own plan; else a school's id
PART_MAX, NOTE_MAX, TARGET_MAX = 50_000, 2_000, 300


@dataclass(frozen=True)
class Indicator:
    indicator: IndicatorCode
    target: str
    note: str


@dataclass(frozen=True)
class PlanContent:
    """What a version says: what the body of a save (a ``PlanDraft``) says, checked."""

    parts: tuple[tuple[PlanPart, str], ...]  # every part, in the vocabulary's order
    drawn_up_with: tuple[Participant, ...]  # each group once, in the vocabulary's order
    participation_note: str
    indicators: tuple[Indicator, ...]
    adopted_on: date
    review_by: date

    def part(self, part: PlanPart) -> str:
        return dict(self.parts)[part]

    def texts(self) -> dict[str, str]:
        """The free text, by the field names of the plan's JSON body."""
        texts = {f"parts.{part.value}": text for part, text in self.parts}
        texts["participation_note"] = self.participation_note
        for i, indicator in enumerate(self.indicators):
            texts[f"indicators.{i}.target"] = indicator.target
            texts[f"indicators.{i}.note"] = indicator.note
        return {field: text for field, text in texts.items() if text}


@dataclass(frozen=True)
class PlanVersion:
    scope: str  # PROVIDER, or the school's id
    version: int  # 1, 2, ...: each save the next
    content: PlanContent
    saved_at: datetime
    saved_by_role: Role


@dataclass(frozen=True)
class PlanVersionEntry:
    """A version as the list of versions shows it, without its text."""

    version: int
    adopted_on: date
    saved_at: datetime


def draft(
    parts: Mapping[PlanPart, str],
    drawn_up_with: Iterable[Participant],
    participation_note: str,
    indicators: Iterable[Indicator],
    adopted_on: date,
    review_by: date | None,
    *,
    today: date,
) -> PlanContent:
    """A plan's content as the rules accept it; the review a year on unless another is set."""
    texts = tuple(
        (part, bounded(f"parts.{part.value}", parts.get(part, ""), PART_MAX)) for part in PlanPart
    )
    groups = set(drawn_up_with)
    if not groups:
        raise Refused(
            ["drawn_up_with"], "required",
            "Mark who took part in drawing up the plan (students and guardians are to be "
            "given the chance to take part, §13).",
        )  # fmt: skip
    checked: list[Indicator] = []
    for i, indicator in enumerate(indicators):
        if any(c.indicator is indicator.indicator for c in checked):
            raise Refused(
                [f"indicators.{i}.indicator"], "duplicate_indicator",
                "This indicator is in the plan already: give it one target.",
            )  # fmt: skip
        target = bounded(f"indicators.{i}.target", indicator.target, TARGET_MAX)
        note = bounded(f"indicators.{i}.note", indicator.note, NOTE_MAX, required=False)
        checked.append(Indicator(indicator.indicator, target, note))
    adopted_on, review_by = checked_dates(adopted_on, review_by, today=today)
    return PlanContent(
        parts=texts,
        drawn_up_with=tuple(group for group in Participant if group in groups),
        participation_note=bounded(
            "participation_note", participation_note, NOTE_MAX, required=False
        ),
        indicators=tuple(checked),
        adopted_on=adopted_on,
        review_by=review_by,
    )


def next_version(
    latest: PlanVersion | None, scope: str, content: PlanContent, *, now: datetime, by: Role
) -> PlanVersion:
    """The version a save makes: the first, or the one after the latest."""
    return PlanVersion(scope, latest.version + 1 if latest else 1, content, now, by)
