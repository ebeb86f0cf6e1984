"""The steps that see a case led (§16, §18): its responsible person, the guardian hold."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from services.welfare_group.domain import lifecycle as law
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.need_to_know import Basis
from services.welfare_group.domain.record import EntryKind
from services.welfare_group.domain.rules import RuleViolation
from services.welfare_group.service_layer.steps.declaration import CaseStep, StepContext
from services.welfare_group.service_layer.steps.fields import StepRequest, Text
from shared.contracts import Audience, Identifier, StaffMember, StaffRole

__all__ = ["LEADING_STEPS", "GuardianHoldDecisionRequest", "ResponsibleRequest"]


class GuardianHoldDecisionRequest(StepRequest):
    keep: bool = Field(description="True keeps the guardian uninformed for now; False lifts it.")
    ground: Text = Field(description="Why, as the professional judges it (§18).")


class ResponsibleRequest(StepRequest):
    staff_id: Identifier = Field(description="A nurse, psychologist or kuraattori of the school.")
    role: StaffRole


def _assign(case: Case, request: ResponsibleRequest, step: StepContext) -> Case:
    member = StaffMember(request.staff_id, request.role)
    if step.roster is None or member not in step.roster.members:
        raise RuleViolation(
            "§16",
            f"{request.staff_id} is not a {request.role.value} of this school's roster",
            instead="assign someone the school's welfare staff roster names",
        )
    return law.assign_responsible(case, member=member, by=step.by, at=step.at)


LEADING_STEPS: tuple[CaseStep[Any], ...] = (
    CaseStep(
        path="responsible",
        summary="Assign the case's responsible person (§16)",
        description=(
            "Assigns the case's responsible person, a nurse, psychologist or kuraattori of the "
            "school's roster (§16). The principal does this for a case nobody leads; the lead may "
            "hand the case on. The new lead is told."
        ),
        request=ResponsibleRequest,
        take=_assign,
        # The principal reaches an unassigned case to see it led.
        admits=frozenset({Basis.RESPONSIBLE, Basis.PRINCIPAL}),
        involved=lambda r: [r.staff_id],
        audience=lambda *_: Audience.NEW_LEAD,
        needs_roster=True,
    ),
    CaseStep(
        path="guardian-hold-decisions",
        summary="Keep or lift a request that the guardian not be told yet",
        description=(
            "Reviews a raiser's request that the guardian not be told yet: keep it, with a ground "
            "a nurse, psychologist or kuraattori judges (§18), or lift it, after which the "
            "guardian is told."
        ),
        request=GuardianHoldDecisionRequest,
        take=lambda c, r, s: law.decide_guardian_hold(
            c, keep=r.keep, ground=r.ground, by=s.by, at=s.at
        ),
        audience=lambda _, e: (
            Audience.GUARDIAN if e.kind is EntryKind.GUARDIAN_HOLD_LIFTED else Audience.NOBODY
        ),
    ),
)
