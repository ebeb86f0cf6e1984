"""Events in from the welfare group's cases, each handed to its use case in the consumer's
transaction (so a redelivered event has no second effect)."""

from __future__ import annotations

from services.intake.service_layer.follow_case import (
    case_purged,
    case_step_recorded,
    concern_taken_up,
)
from services.intake.service_layer.unit_of_work import IntakeUnit
from shared.contracts import CaseConcernLinkedV1, CaseOpenedV1, CasePurgedV1, CaseStepRecordedV1

__all__ = ["on_case_opened", "on_case_purged", "on_case_step", "on_concern_linked"]


async def on_case_opened(event: CaseOpenedV1, unit: IntakeUnit) -> None:
    await concern_taken_up(event, unit)


async def on_concern_linked(event: CaseConcernLinkedV1, unit: IntakeUnit) -> None:
    await concern_taken_up(event, unit)


async def on_case_step(event: CaseStepRecordedV1, unit: IntakeUnit) -> None:
    await case_step_recorded(event, unit)


async def on_case_purged(event: CasePurgedV1, unit: IntakeUnit) -> None:
    await case_purged(event, unit)
