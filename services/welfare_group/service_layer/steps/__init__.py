"""Every case step, declared once (``declaration.CaseStep``), grouped as the domain is."""

from __future__ import annotations

from typing import Any

from services.welfare_group.service_layer.steps.clock import CLOCK_STEPS
from services.welfare_group.service_layer.steps.consent import CONSENT_STEPS
from services.welfare_group.service_layer.steps.declaration import CaseStep, StepContext
from services.welfare_group.service_layer.steps.disclosing import DISCLOSING_STEPS
from services.welfare_group.service_layer.steps.group_work import GROUP_WORK_STEPS
from services.welfare_group.service_layer.steps.leading import LEADING_STEPS
from services.welfare_group.service_layer.steps.measures import MEASURE_STEPS
from services.welfare_group.service_layer.steps.record_keeping import RECORD_KEEPING_STEPS

__all__ = ["CASE_STEPS", "CaseStep", "StepContext"]

# The order the API documentation lists them in: the record, the §15 clock, disclosures,
# consent, the group, its lead.
CASE_STEPS: tuple[CaseStep[Any], ...] = (
    *RECORD_KEEPING_STEPS,
    *CLOCK_STEPS,
    *DISCLOSING_STEPS,
    *CONSENT_STEPS,
    *GROUP_WORK_STEPS,
    *MEASURE_STEPS,
    *LEADING_STEPS,
)
