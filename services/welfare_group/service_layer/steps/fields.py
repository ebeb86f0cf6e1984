"""The fields a step's request is made of: strict, size-limited, dated within reason.

Each step's request model is declared with the step; who takes it is never in the body:
it is the professional the bearer token names.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
)

from services.welfare_group.domain.participants import Position
from shared.contracts import Identifier, StaffMember

__all__ = [
    "Members",
    "ParticipantIn",
    "PastDay",
    "People",
    "PlannedDay",
    "PlannedMoment",
    "Short",
    "StepRequest",
    "Text",
]

# How far ahead a meeting or a review may be planned: a school's horizon, not a calendar's.
PLANNING_HORIZON = timedelta(days=3 * 366)
# Today somewhere on Earth (UTC+14 is the earliest time zone): a day the school may have
# reached already, whatever its zone, and nothing after it.
_EARLIEST_ZONE = timedelta(hours=14)


def _today_anywhere() -> date:
    return (datetime.now(UTC) + _EARLIEST_ZONE).date()


def _not_in_the_future(day: date) -> date:
    if day > _today_anywhere():
        raise ValueError("must not be in the future: give the day it actually happened")
    return day


def _plannable_day(day: date) -> date:
    today = _today_anywhere()
    if not today - timedelta(days=2) <= day <= today + PLANNING_HORIZON:
        raise ValueError("must be from today to three years ahead")
    return day


def _plannable_moment(moment: datetime) -> datetime:
    try:
        at = moment.astimezone(UTC)
    except OverflowError:
        raise ValueError("must be from today to three years ahead") from None
    now = datetime.now(UTC)
    if not now - timedelta(days=1) <= at <= now + PLANNING_HORIZON:
        raise ValueError("must be from today to three years ahead")
    return moment


PastDay = Annotated[date, AfterValidator(_not_in_the_future)]
PlannedDay = Annotated[date, AfterValidator(_plannable_day)]
PlannedMoment = Annotated[AwareDatetime, AfterValidator(_plannable_moment)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
People = Annotated[list[Identifier], Field(max_length=30)]


class StepRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")


Members = Annotated[list[StaffMember], Field(min_length=1, max_length=30)]


class ParticipantIn(BaseModel):
    """Someone other than staff who attended a meeting, in their position (§19.2, §20.4)."""

    model_config = ConfigDict(extra="forbid")

    position: Position
    name: Short
    organisation: Identifier | None = None
    title: Short | None = None
