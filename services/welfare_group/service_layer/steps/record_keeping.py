"""The steps that keep the record around the work (§15, §18, §20)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from services.welfare_group.domain import lifecycle as law
from services.welfare_group.service_layer.steps.declaration import CaseStep
from services.welfare_group.service_layer.steps.fields import PastDay, StepRequest, Text
from shared.contracts import Identifier

__all__ = [
    "RECORD_KEEPING_STEPS",
    "ChildWelfareNoticeRequest",
    "CorrectionRequest",
    "DiscussionOfferRequest",
    "GuardianBarRequest",
    "StudentViewRequest",
]


class DiscussionOfferRequest(StepRequest):
    offered_on: PastDay = Field(description="The day the discussion was offered (§15).")


class StudentViewRequest(StepRequest):
    views: Text
    wishes: Text


class GuardianBarRequest(StepRequest):
    reason: Text
    assessment: Text = Field(description="Why the bar is in the child's interest (§18).")


class ChildWelfareNoticeRequest(StepRequest):
    made_on: PastDay = Field(description="The day the notice was made.")
    to: Identifier = Field(description="The child welfare authority it was made to.")


class CorrectionRequest(StepRequest):
    correction: Text


RECORD_KEEPING_STEPS: tuple[CaseStep[Any], ...] = (
    CaseStep(
        path="discussion-offers",
        summary="Offer the §15 discussion",
        description=(
            "The psychologist or kuraattori records the day the §15 discussion was offered; this "
            "is what meets the deadline and silences its reminders. 409 if the caller is of "
            "another profession or the day precedes the concern."
        ),
        request=DiscussionOfferRequest,
        take=lambda c, r, s: law.offer_discussion(c, offered_on=r.offered_on, by=s.by, at=s.at),
    ),
    CaseStep(
        path="student-views",
        summary="Record the student's own views (§18)",
        description=(
            "Records the student's own views and wishes, to be weighed by age and maturity (§18)."
        ),
        request=StudentViewRequest,
        take=lambda c, r, s: law.hear_student(c, views=r.views, wishes=r.wishes, by=s.by, at=s.at),
    ),
    CaseStep(
        path="guardian-bar",
        summary="Record a student's bar on the guardian (§18)",
        description=(
            "Records a minor's bar on the guardian, with its reason and the assessment of a "
            "nurse, psychologist or kuraattori that it is in the child's interest (§18). From "
            "then on the guardian is told nothing and sees nothing of the case."
        ),
        request=GuardianBarRequest,
        take=lambda c, r, s: law.bar_guardian(
            c, reason=r.reason, assessment=r.assessment, by=s.by, at=s.at
        ),
    ),
    CaseStep(
        path="child-welfare-notices",
        summary="Note a child-welfare notice made",
        description=(
            "Notes in the record that a child-welfare notice (Child Welfare Act §25) was made, on "
            "which day and to which authority, and enters it in the disclosure ledger; it changes "
            "nothing else in the case. Any staff member of the school may note one without the "
            "case: POST /schools/{school_id}/students/{student_ref}/child-welfare-notices."
        ),
        request=ChildWelfareNoticeRequest,
        take=lambda c, r, s: law.record_child_welfare_notice(
            c, made_on=r.made_on, to=r.to, by=s.by, at=s.at
        ),
    ),
    CaseStep(
        path="record/{entry_id}/corrections",
        summary="Correct a record entry",
        description=(
            "Corrects an entry of the record by a new entry naming it; the original stays (§20)."
        ),
        request=CorrectionRequest,
        take=lambda c, r, s: law.correct(
            c, entry_id=s.named_id, correction=r.correction, by=s.by, at=s.at
        ),
    ),
)
