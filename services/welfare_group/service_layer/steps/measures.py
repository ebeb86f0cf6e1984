"""The steps that follow the plan of measures: each measure carried out (§20.4)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from services.welfare_group.domain import lifecycle as law
from services.welfare_group.service_layer.steps.declaration import CaseStep
from services.welfare_group.service_layer.steps.fields import PastDay, StepRequest, Text

__all__ = ["MEASURE_STEPS", "MeasureCarriedOutRequest"]


class MeasureCarriedOutRequest(StepRequest):
    on: PastDay = Field(description="The day the measure was carried out: not in the future.")
    what_was_done: Text


MEASURE_STEPS: tuple[CaseStep[Any], ...] = (
    CaseStep(
        path="measures/{measure_id}/carried-out",
        summary="Record a measure carried out (§20.4)",
        description=(
            "Records that an agreed measure was carried out: on which day and what was done. "
            "The one who carried it out is the measure's owner in the plan, covered by consent."
        ),
        request=MeasureCarriedOutRequest,
        take=lambda c, r, s: law.carry_out_measure(
            c, measure_id=s.named_id, on=r.on, what=r.what_was_done, by=s.by, at=s.at
        ),
    ),
)
