"""Which case step a request names, and the order the workspace offers them in.

The steps are the welfare group's (its OpenAPI document); the web names one as its path
under ``/cases/{case_id}/steps/``. Only a path that is one of the declared steps, with a
UUID where the step names an item, is a step: anything else is no step, and no service is
called for it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from services.web.domain.step_forms import StepForm

__all__ = ["ITEM_STEPS", "LIFECYCLE", "StepGroup", "grouped", "match_step"]

_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"


@dataclass(frozen=True)
class StepGroup:
    key: str
    steps: tuple[str, ...]


# As a case goes: the discussion and its clock, consent, the group's work, leading the
# case (and what the guardian is told), data leaving the work.
LIFECYCLE: tuple[StepGroup, ...] = (
    StepGroup(
        "discussion",
        ("discussion-requests", "urgency-assessments", "discussion-offers",
         "discussion-exceptions", "student-notices"),
    ),
    StepGroup("consent", ("consent-requests", "consent-decisions", "consent-withdrawals",
                          "student-views")),
    StepGroup("group", ("expert-group", "meetings", "measures", "reviews", "closure")),
    StepGroup("leading", ("responsible", "guardian-hold-decisions", "guardian-bar",
                          "guardian-bar-lifts")),
    StepGroup("disclosure", ("disclosure-consents", "disclosures", "transfer-decisions",
                             "child-welfare-notices")),
)  # fmt: skip

# The steps on one item of the case, offered beside it.
ITEM_STEPS: dict[str, str] = {
    "meetings/{meeting_id}/held": "meeting",
    "measures/{measure_id}/carried-out": "measure",
    "record/{entry_id}/corrections": "entry",
    "disclosure-consents/{consent_id}/withdrawal": "disclosure_consent",
}


def grouped(forms: Mapping[str, StepForm]) -> list[tuple[str, list[StepForm]]]:
    """The case-wide steps the service declares, in the lifecycle's groups; one it declares
    that no group names is offered under "other", never left out."""
    placed = {path for group in LIFECYCLE for path in group.steps} | set(ITEM_STEPS)
    groups = [
        (group.key, [forms[path] for path in group.steps if path in forms]) for group in LIFECYCLE
    ]
    other = [form for path, form in forms.items() if path not in placed]
    return [(key, steps) for key, steps in [*groups, ("other", other)] if steps]


def match_step(forms: Mapping[str, StepForm], requested: str) -> tuple[StepForm, str | None] | None:
    """The step a path names and the item id in it, or None if it names none."""
    for path, form in forms.items():
        pattern = re.sub(r"\\\{\w+\\\}", f"({_UUID})", re.escape(path))
        found = re.fullmatch(pattern, requested)
        if found:
            return form, (found.group(1).lower() if found.groups() else None)
    return None
