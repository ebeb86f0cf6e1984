"""What a group member sends to take each step: strict, size-limited, one model per step.

Who takes the step is never in the body: it is the professional the bearer token names.
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

from services.welfare_group.domain.consent import Consenter, ConsentForm
from services.welfare_group.domain.group import MeasureKind, ReviewOutcome
from shared.contracts import Identifier, StaffMember, StaffRole

__all__ = [
    "ClosureRequest",
    "ConsentDecisionRequest",
    "ConsentRequestRequest",
    "CorrectionRequest",
    "DisclosureRequest",
    "DiscussionOfferRequest",
    "GroupRequest",
    "GuardianBarRequest",
    "GuardianHoldDecisionRequest",
    "MeasureIn",
    "MeasuresRequest",
    "MeetingHeldRequest",
    "MeetingRequest",
    "Members",
    "ResponsibleRequest",
    "ReviewRequest",
    "StepRequest",
    "StudentViewRequest",
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


class DiscussionOfferRequest(StepRequest):
    offered_on: PastDay = Field(description="The day the discussion was offered (§15).")


class ConsentRequestRequest(StepRequest):
    from_: Consenter = Field(alias="from", description="Whose consent is asked for.")
    purpose: Short


class ConsentDecisionRequest(StepRequest):
    given: bool = Field(description="False records a refusal.")
    given_by: Consenter
    student_can_judge: bool = Field(description="The capacity assessment (§14).")
    purpose: Short
    members: People = Field(default_factory=list, description="Staff the consent covers.")
    outside_parties: People = Field(default_factory=list, description="Named outside parties.")
    form: ConsentForm


class GroupRequest(StepRequest):
    members: Members
    responsible: Identifier


class MeetingRequest(StepRequest):
    on: PlannedMoment = Field(description="When the group meets: within three years.")
    attendees: Members


class MeetingHeldRequest(StepRequest):
    attendees: Members
    handling: Text = Field(description="How the group handled the matter.")


class MeasureIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: MeasureKind
    description: Text
    carried_out_by: Identifier
    followed_up_by: Identifier
    review_on: PlannedDay


class MeasuresRequest(StepRequest):
    measures: Annotated[list[MeasureIn], Field(min_length=1, max_length=20)]


class ReviewRequest(StepRequest):
    outcome: ReviewOutcome
    progress: Text
    closing_reason: Text | None = None


class ClosureRequest(StepRequest):
    reason: Text


class StudentViewRequest(StepRequest):
    views: Text
    wishes: Text


class GuardianBarRequest(StepRequest):
    reason: Text
    assessment: Text = Field(description="Why the bar is in the child's interest (§18).")


class DisclosureRequest(StepRequest):
    to: Identifier
    what: Short
    legal_basis: Short | None = Field(default=None, description="A statute; none: consent.")


class CorrectionRequest(StepRequest):
    correction: Text


class GuardianHoldDecisionRequest(StepRequest):
    keep: bool = Field(description="True keeps the guardian uninformed for now; False lifts it.")
    ground: Text = Field(description="Why, as the professional judges it (§18).")


class ResponsibleRequest(StepRequest):
    staff_id: Identifier = Field(description="A nurse, psychologist or kuraattori of the school.")
    role: StaffRole
