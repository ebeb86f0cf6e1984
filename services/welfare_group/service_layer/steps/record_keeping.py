"""The steps that keep the record around the work (§15, §18, §20)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from services.welfare_group.domain import lifecycle as law
from services.welfare_group.domain.guardian_bars import GuardianBar
from services.welfare_group.service_layer.steps.declaration import CaseStep
from services.welfare_group.service_layer.steps.fields import PastDay, StepRequest, Text
from shared.contracts import Audience, Identifier

__all__ = [
    "RECORD_KEEPING_STEPS",
    "ChildWelfareNoticeRequest",
    "CorrectionRequest",
    "DiscussionOfferRequest",
    "GuardianBarLiftRequest",
    "GuardianBarRequest",
    "StudentViewRequest",
]


class DiscussionOfferRequest(StepRequest):
    offered_on: PastDay = Field(description="The day the discussion was offered (§15).")


class StudentViewRequest(StepRequest):
    views: Text
    wishes: Text


Bars = Annotated[
    list[GuardianBar],
    Field(
        min_length=1,
        max_length=2,
        description="Which §18.2 bar: on taking part (notices stop), on confidential data "
        "(the record stops); each chosen on its own.",
    ),
]


class GuardianBarRequest(StepRequest):
    bars: Bars
    reason: Text = Field(description="The student's weighty reason (§18).")
    assessment: Text = Field(description="Why the bar is in the child's interest (§18).")


class GuardianBarLiftRequest(StepRequest):
    bars: Bars
    reason: Text = Field(description="The student's withdrawal, or why the bar is over.")


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
        summary="Record a minor's bar on the guardian (§18)",
        description=(
            "Records a minor's bar on the guardian taking part, or receiving confidential data, "
            "or both, each chosen, with its reason and the assessment of a nurse, psychologist "
            "or kuraattori that it is in the child's interest (§18). Under the participation bar "
            "the guardian is told nothing of the case; under the data bar they see nothing of "
            "its record. 409 for a student of age, who has no guardian in these matters."
        ),
        request=GuardianBarRequest,
        take=lambda c, r, s: law.bar_guardian(
            c, bars=r.bars, reason=r.reason, assessment=r.assessment, by=s.by, at=s.at
        ),
    ),
    CaseStep(
        path="guardian-bar-lifts",
        summary="Lift a bar on the guardian (§18)",
        description=(
            "Lifts a §18.2 bar in force, on the student's word or as a nurse, psychologist or "
            "kuraattori judges it over, with the reason. A guardian who may take part again is "
            "told that the matter was taken up."
        ),
        request=GuardianBarLiftRequest,
        take=lambda c, r, s: law.lift_guardian_bar(
            c, bars=r.bars, reason=r.reason, by=s.by, at=s.at
        ),
        audience=lambda r, _: (
            Audience.GUARDIAN if GuardianBar.PARTICIPATION in r.bars else Audience.NOBODY
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
