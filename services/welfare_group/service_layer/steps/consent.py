"""The consent steps (§14): asked for, decided, withdrawn at once."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from services.welfare_group.domain import lifecycle as law
from services.welfare_group.domain.consent import Consenter, ConsentForm
from services.welfare_group.service_layer.steps.declaration import CaseStep
from services.welfare_group.service_layer.steps.fields import People, Short, StepRequest, Text
from shared.contracts import Audience

__all__ = ["CONSENT_STEPS", "ConsentDecisionRequest", "ConsentRequestRequest"]


class ConsentRequestRequest(StepRequest):
    from_: Consenter = Field(alias="from", description="Whose consent is asked for.")
    purpose: Short


class ConsentDecisionRequest(StepRequest):
    given: bool = Field(description="False records a refusal.")
    given_by: Consenter
    student_can_judge: bool = Field(description="The capacity assessment (§14).")
    capacity_reasons: Text | None = Field(
        default=None,
        description="Why the student can or cannot judge what consenting means: required for "
        "a minor (and an adult found unable), assessed by the recording nurse, psychologist "
        "or kuraattori (§14).",
    )
    purpose: Short
    members: People = Field(default_factory=list, description="Staff the consent covers.")
    outside_parties: People = Field(default_factory=list, description="Named outside parties.")
    form: ConsentForm


CONSENT_STEPS: tuple[CaseStep[Any], ...] = (
    CaseStep(
        path="consent-requests",
        summary="Ask the student or guardian for consent",
        description=(
            "Asks the student, or the guardian where the student cannot judge, for consent to "
            "handle the matter in an expert group (§14). Asking again while a request is pending "
            "is a reminder; the guardian is told unless held back (§18)."
        ),
        request=ConsentRequestRequest,
        take=lambda c, r, s: law.request_consent(
            c, from_=r.from_, purpose=r.purpose, by=s.by, at=s.at
        ),
        audience=lambda r, _: Audience.GUARDIAN if r.from_ == "guardian" else Audience.NOBODY,
    ),
    CaseStep(
        path="consent-decisions",
        summary="Record a consent or a refusal (§14)",
        description=(
            "Records a consent or a refusal, itemised: the members and outside parties it covers, "
            "its purpose, its form and the capacity assessment, which for a minor a nurse, "
            "psychologist or kuraattori makes and records with its reasons. Outside parties need "
            "written consent (§14). A guardian decides only for a minor; for a student of age, "
            "the student or a court-appointed representative. Every decision is kept."
        ),
        request=ConsentDecisionRequest,
        take=lambda c, r, s: law.decide_consent(
            c,
            given=r.given,
            given_by=r.given_by,
            student_can_judge=r.student_can_judge,
            purpose=r.purpose,
            members=r.members,
            outside_parties=r.outside_parties,
            form=r.form,
            capacity_reasons=r.capacity_reasons,
            by=s.by,
            at=s.at,
        ),
        involved=lambda r: r.members,
    ),
    CaseStep(
        path="consent-withdrawals",
        summary="Withdraw consent, at once",
        description=(
            "Withdraws every consent in force, at once. The members it covered leave the expert "
            "group in the same step; the responsible person keeps leading the case."
        ),
        request=StepRequest,
        take=lambda c, _, s: law.withdraw_consent(c, by=s.by, at=s.at),
    ),
)
