"""The steps that keep the §15 clock: a discussion requested after the concern, the
urgency re-assessed by a welfare professional, the §15.2 exception with its reason, the
§16.2 notice to the student done."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from services.welfare_group.domain import lifecycle as law
from services.welfare_group.domain.record_content import DiscussionException, DiscussionRequester
from services.welfare_group.service_layer.steps.declaration import CaseStep
from services.welfare_group.service_layer.steps.fields import PastDay, StepRequest, Text
from shared.contracts import Role, Urgency

__all__ = [
    "CLOCK_STEPS",
    "DiscussionExceptionRequest",
    "DiscussionRequestRequest",
    "StudentToldRequest",
    "UrgencyAssessmentRequest",
]


class DiscussionRequestRequest(StepRequest):
    requested_on: PastDay = Field(description="The day of the request or contact (§15).")
    requested_by: DiscussionRequester = Field(description="Whose request or contact it was.")
    with_profession: Literal[Role.PSYCHOLOGIST, Role.KURAATTORI] = Field(
        description="The discussion asked for: with the psychologist or the kuraattori."
    )


class UrgencyAssessmentRequest(StepRequest):
    urgency: Urgency = Field(description="The professional's judgement: urgent or routine.")
    reason: Text = Field(description="Why the matter is, or is not, urgent.")


class DiscussionExceptionRequest(StepRequest):
    exception: DiscussionException = Field(description="Which of §15.2's two exceptions.")
    explanation: Text = Field(description="Why: what the contact was, or why no discussion.")


class StudentToldRequest(StepRequest):
    told_on: PastDay = Field(description="The day the student was told and offered a talk.")


CLOCK_STEPS: tuple[CaseStep[Any], ...] = (
    CaseStep(
        path="discussion-requests",
        summary="Record a request for a §15 discussion",
        description=(
            "A nurse, psychologist or kuraattori records that the student asked for a "
            "psychologist or kuraattori discussion, or that a guardian, a staff member or "
            "another person made contact for one (§15.1-2). The §15 clock runs from that day "
            "at the case's urgency, or an earlier deadline than the running one is brought "
            "forward. 409 if the caller is not a welfare professional."
        ),
        request=DiscussionRequestRequest,
        take=lambda c, r, s: law.request_discussion(
            c,
            requested_on=r.requested_on,
            requested_by=r.requested_by,
            with_profession=r.with_profession,
            calendar=s.school_calendar,
            by=s.by,
            at=s.at,
        ),
        needs_calendar=True,
    ),
    CaseStep(
        path="urgency-assessments",
        summary="Re-assess the urgency (§15)",
        description=(
            "A nurse, psychologist or kuraattori judges the matter urgent or routine, with "
            "the reason; the raiser's urgency is replaced and a running §15 deadline is "
            "recomputed from the day the discussion was requested (urgent: the same or next "
            "working day; routine: the 7th school working day). 409 if the caller is not a "
            "welfare professional or the urgency is unchanged."
        ),
        request=UrgencyAssessmentRequest,
        take=lambda c, r, s: law.reassess_urgency(
            c, urgency=r.urgency, reason=r.reason, calendar=s.school_calendar, by=s.by, at=s.at
        ),
        needs_calendar=True,
    ),
    CaseStep(
        path="discussion-exceptions",
        summary="Record a §15.2 exception: no discussion needed",
        description=(
            "The psychologist or kuraattori records that the contact was only advice to the "
            "person who called, or that a discussion is clearly unnecessary (§15.2), with the "
            "explanation. The §15 deadline stops and its reminders fall silent; a later "
            "request starts a clock of its own. 409 if the caller is of another profession, "
            "no deadline runs, or the discussion was offered already."
        ),
        request=DiscussionExceptionRequest,
        take=lambda c, r, s: law.except_discussion(
            c, exception=r.exception, explanation=r.explanation, by=s.by, at=s.at
        ),
    ),
    CaseStep(
        path="student-notices",
        summary="Record the student told of the contact (§16.2)",
        description=(
            "When the concern was raised without the student, the nurse, psychologist or "
            "kuraattori records the day the student was told of the contact and offered a "
            "discussion, due within the §15 limit (§16.2); this silences its reminder. 409 if "
            "no such notice is owed or the caller is not a welfare professional."
        ),
        request=StudentToldRequest,
        take=lambda c, r, s: law.tell_student(c, told_on=r.told_on, by=s.by, at=s.at),
    ),
)
