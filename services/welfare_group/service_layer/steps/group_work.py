"""The expert group's steps (§14): formed, meeting, agreeing measures, reviewing, closing."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from services.welfare_group.domain import lifecycle as law
from services.welfare_group.domain.group import Measure, MeasureKind, ReviewOutcome
from services.welfare_group.domain.need_to_know import CASE_TEAM, Basis
from services.welfare_group.domain.participants import Participant
from services.welfare_group.domain.record import EntryKind
from services.welfare_group.service_layer.steps.declaration import CaseStep
from services.welfare_group.service_layer.steps.fields import (
    Members,
    ParticipantIn,
    People,
    PlannedDay,
    PlannedMoment,
    StepRequest,
    Text,
)
from shared.contracts import Audience, Identifier

__all__ = [
    "GROUP_WORK_STEPS",
    "ClosureRequest",
    "GroupRequest",
    "MeasureIn",
    "MeasuresRequest",
    "MeetingHeldRequest",
    "MeetingRequest",
    "ReviewRequest",
]


class GroupRequest(StepRequest):
    members: Members
    responsible: Identifier
    # §20.4: the background, written into the record's header by the responsible person;
    # the concern's own words stay in intake. Only with the raiser's knowledge.
    background: Text | None = None
    background_shared_with_raiser: bool = False
    outside_parties: People = Field(
        default_factory=list,
        description="Outside parties brought in: each needs a written consent naming them (§14).",
    )


class MeetingRequest(StepRequest):
    on: PlannedMoment = Field(description="When the group meets: within three years.")
    attendees: Members


class MeetingHeldRequest(StepRequest):
    attendees: Members
    handling: Text = Field(description="How the group handled the matter.")
    others: Annotated[list[ParticipantIn], Field(max_length=20)] = Field(
        default_factory=list,
        description="The student, guardians and outside parties (§19.2) who attended.",
    )


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


def _measures(request: MeasuresRequest) -> list[Measure]:
    return [
        Measure(
            uuid.uuid4(), m.kind, m.description, m.carried_out_by, m.followed_up_by, m.review_on
        )
        for m in request.measures
    ]


GROUP_WORK_STEPS: tuple[CaseStep[Any], ...] = (
    CaseStep(
        path="expert-group",
        summary="Form the expert group (§14)",
        description=(
            "Forms the multidisciplinary expert group with its responsible person (§14). Only the "
            "case's lead, or the principal of an unassigned case, forms it; every member and "
            "outside party must be covered by the consent in force: one refused is refused "
            "here (409, §14)."
        ),
        request=GroupRequest,
        take=lambda c, r, s: law.form_group(
            c,
            members=r.members,
            responsible=r.responsible,
            by=s.by,
            at=s.at,
            student=s.student,
            background=r.background,
            background_shared_with_raiser=r.background_shared_with_raiser,
            outside_parties=r.outside_parties,
        ),
        needs_student=True,
        # The principal forms the group of a case nobody leads yet.
        admits=CASE_TEAM | {Basis.PRINCIPAL},
        involved=lambda r: [m.staff_id for m in r.members],
        audience=lambda _, e: (
            Audience.GROUP if e.kind is EntryKind.GROUP_FORMED else Audience.NOBODY
        ),
    ),
    CaseStep(
        path="meetings",
        summary="Schedule a meeting of the group",
        description=(
            "Schedules a meeting of the group, from today to three years ahead; its attendees "
            "must be covered by consent, and are invited."
        ),
        request=MeetingRequest,
        take=lambda c, r, s: law.schedule_meeting(
            c, on=r.on, attendees=r.attendees, by=s.by, at=s.at
        ),
        involved=lambda r: [a.staff_id for a in r.attendees],
        audience=lambda *_: Audience.GROUP,
    ),
    CaseStep(
        path="meetings/{meeting_id}/held",
        summary="Record a meeting held",
        description=(
            "Records a scheduled meeting as held: how the group handled the matter and who "
            "attended in which role (§20)."
        ),
        request=MeetingHeldRequest,
        take=lambda c, r, s: law.hold_meeting(
            c,
            meeting_id=s.named_id,
            attendees=r.attendees,
            handling=r.handling,
            by=s.by,
            at=s.at,
            others=[Participant(**o.model_dump()) for o in r.others],
        ),
        involved=lambda r: [a.staff_id for a in r.attendees],
    ),
    CaseStep(
        path="measures",
        summary="Agree measures, each with an owner and a review",
        description=(
            "Agrees measures, each with its kind, who carries it out, who follows it up and a "
            "review date; discipline is refused (§14). The case moves to follow-up."
        ),
        request=MeasuresRequest,
        take=lambda c, r, s: law.agree_measures(c, measures=_measures(r), by=s.by, at=s.at),
        involved=lambda r: [p for m in r.measures for p in (m.carried_out_by, m.followed_up_by)],
    ),
    CaseStep(
        path="reviews",
        summary="Review the follow-up: continue, change, close",
        description=(
            "Reviews the follow-up: continue, change the plan, or close the case with a reason."
        ),
        request=ReviewRequest,
        take=lambda c, r, s: law.review(
            c,
            outcome=r.outcome,
            progress=r.progress,
            closing_reason=r.closing_reason,
            by=s.by,
            at=s.at,
        ),
    ),
    CaseStep(
        path="closure",
        summary="Close the case with a reason",
        description=(
            "Closes the case with a reason; the retention period of the record runs from here."
        ),
        request=ClosureRequest,
        take=lambda c, r, s: law.close(c, reason=r.reason, by=s.by, at=s.at),
    ),
)
