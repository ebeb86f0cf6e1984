"""What the consent steps' requests say (§14): the request, item by item, with the capacity
assessment; the decision, itemised, as a professional records it or the family answers."""

from __future__ import annotations

from uuid import UUID

from pydantic import Field

from services.welfare_group.domain.consent import Consenter, ConsentForm
from services.welfare_group.service_layer.steps.fields import People, Short, StepRequest, Text
from shared.contracts import StaffMember

__all__ = ["ConsentDecisionRequest", "ConsentRequestRequest"]

_REASONS = (
    "Why the student can or cannot judge what consenting means: required for a minor (and an "
    "adult found unable), assessed by the recording nurse, psychologist or kuraattori (§14)."
)


class ConsentRequestRequest(StepRequest):
    from_: Consenter = Field(alias="from", description="Whose consent is asked for.")
    purpose: Short
    members: list[StaffMember] = Field(
        default_factory=list, max_length=30, description="The staff the consent is asked for."
    )
    outside_parties: People = Field(
        default_factory=list, description="The outside parties the consent is asked for."
    )
    student_can_judge: bool | None = Field(
        default=None,
        description="The capacity assessment (§14) the family's own answer rests on; without "
        "it, only a professional can record the decision.",
    )
    capacity_reasons: Text | None = Field(default=None, description=_REASONS)


class ConsentDecisionRequest(StepRequest):
    given: bool | None = Field(
        default=None,
        description="False records a refusal of everything named. True (for the family, the "
        "default): what members/outside_parties name is consented to, the refused_ lists "
        "refused. Required from a professional.",
    )
    given_by: Consenter | None = Field(
        default=None, description="Who decided; the professional's record only (required)."
    )
    student_can_judge: bool | None = Field(
        default=None, description="The capacity assessment (§14); the professional's only."
    )
    capacity_reasons: Text | None = Field(default=None, description=_REASONS)
    purpose: Short | None = Field(
        default=None, description="Required from a professional; the family's is the request's."
    )
    members: People = Field(default_factory=list, description="Staff consented to.")
    outside_parties: People = Field(
        default_factory=list, description="Outside parties consented to."
    )
    refused_members: People = Field(default_factory=list, description="Staff refused.")
    refused_outside_parties: People = Field(
        default_factory=list, description="Outside parties refused."
    )
    form: ConsentForm
    request_id: UUID | None = Field(
        default=None,
        description="The family's answer: the consent request (its record entry) answered; "
        "the latest open one asked of them if left out.",
    )
