"""The family's request for a discussion (§15): the form as typed, checked field by field,
into the body intake takes.

The professional asked must offer a discussion within seven school working days, or the
same or next working day when it is urgent; the request starts that clock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from services.web.domain.family import N_

__all__ = ["CATEGORIES", "PROFESSIONALS", "DiscussionForm", "parse_discussion"]

PROFESSIONALS = ("kuraattori", "psychologist", "either")
CATEGORIES = (
    "learning",
    "attendance",
    "mental_health",
    "physical_health",
    "social_relations_and_bullying",
    "family_situation",
    "substance_use",
    "other",
)
TEXT_LIMIT = 5000


@dataclass(frozen=True)
class DiscussionForm:
    """What was typed (kept as typed, to show again), and each field's problem."""

    values: Mapping[str, Sequence[str]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def one(self, name: str, default: str = "") -> str:
        found = self.values.get(name) or [default]
        return found[0]

    def many(self, name: str) -> list[str]:
        return list(self.values.get(name) or [])


def parse_discussion(
    typed: Mapping[str, Sequence[str]], *, as_student: bool, schools: Sequence[str]
) -> tuple[DiscussionForm, dict[str, Any] | None]:
    """The form, and the body for intake when nothing is wrong (else None)."""
    form = DiscussionForm(typed)
    errors = form.errors
    school = form.one("school_id", schools[0] if len(schools) == 1 else "")
    if school not in schools:
        errors["school_id"] = N_("Choose the school.")
    with_ = form.one("discussion_with")
    if with_ not in PROFESSIONALS:
        errors["discussion_with"] = N_("Choose whom you would like to talk with.")
    urgency = form.one("urgency", "routine")
    if urgency not in ("routine", "urgent"):
        errors["urgency"] = N_("Choose whether it is urgent.")
    categories = form.many("categories")
    if any(c not in CATEGORIES for c in categories) or len(categories) > len(CATEGORIES):
        errors["categories"] = N_("Choose from the list what it is about.")
    text = form.one("text").strip()
    if len(text) > TEXT_LIMIT:
        errors["text"] = N_("Write at most 5000 characters.")
    body: dict[str, Any] = {
        "school_id": school,
        "discussion_with": with_,
        "urgency": urgency,
        "categories": list(dict.fromkeys(categories)) or ["other"],
        "text": text,
    }
    if as_student:
        body["guardian_must_not_be_told_yet"] = form.one("guardian_not_yet") == "yes"
    else:
        informed = form.one("student_informed")
        if informed not in ("yes", "no"):
            errors["student_informed"] = N_("Say whether your child knows you are asking.")
        body["student_informed"] = informed == "yes"
    return form, (None if errors else body)
