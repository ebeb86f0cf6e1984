"""The concern form: what was typed, kept as typed, and the intake API's body made of it,
with one message per field for what intake would refuse or what the form can tell first.

The form's fields are named as ``RaiseConcern``'s, so the service's own per-field messages
land beside the same fields without a table to keep in step.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from pydantic import TypeAdapter, ValidationError

from services.web.domain.concern_words import HOLD_GROUNDS, N_
from shared.contracts import ConcernCategory, Identifier, Urgency

__all__ = ["DESCRIPTION_MAX", "ConcernDraft", "form_field", "is_concern_id", "is_key", "parse"]

DESCRIPTION_MAX = 5000  # RaiseConcern.description's own limit
_IDENTIFIER: TypeAdapter[str] = TypeAdapter(Identifier)
_KEY = re.compile(r"[A-Za-z0-9_-]{1,100}")  # what intake takes as an Idempotency-Key
_FIELDS = frozenset(
    {
        "student_ref",
        "school_id",
        "categories",
        "urgency",
        "description",
        "student_informed",
        "guardian_informed",
        "guardian_must_not_be_told_yet",
        "guardian_hold_ground",
    }
)


@dataclass(frozen=True)
class ConcernDraft:
    """The form as typed, to fill it in again: nothing here is checked yet."""

    student_ref: str = ""
    school_id: str = ""
    categories: tuple[str, ...] = ()
    urgency: str = ""
    description: str = ""
    student_informed: bool = False
    guardian_informed: bool = False
    guardian_must_not_be_told_yet: bool = False
    guardian_hold_ground: str = ""
    idempotency_key: str = ""

    @classmethod
    def of(cls, fields: Mapping[str, list[str]]) -> ConcernDraft:
        def one(name: str) -> str:
            values = fields.get(name) or [""]
            return values[0]

        return cls(
            student_ref=one("student_ref").strip(),
            school_id=one("school_id").strip(),
            categories=tuple(fields.get("categories") or ()),
            urgency=one("urgency"),
            description=one("description"),
            student_informed=bool(one("student_informed")),
            guardian_informed=bool(one("guardian_informed")),
            guardian_must_not_be_told_yet=bool(one("guardian_must_not_be_told_yet")),
            guardian_hold_ground=one("guardian_hold_ground"),
            idempotency_key=one("idempotency_key"),
        )


def is_key(value: str) -> bool:
    return bool(_KEY.fullmatch(value))


def is_concern_id(value: str) -> bool:
    try:
        UUID(value)
    except ValueError:
        return False
    return True


def form_field(service_field: str) -> str:
    """The form's field for a field the service names ("categories.0" is "categories")."""
    head = service_field.split(".")[0]
    return head if head in _FIELDS else "form"


def _student_ref_error(value: str) -> str | None:
    if not value:
        return N_("Enter the student's reference from the student register.")
    try:
        _IDENTIFIER.validate_python(value)
    except ValidationError as wrong:
        if "identity code" in str(wrong):
            return N_(
                "This looks like a personal identity code: use the student register's "
                "reference instead."
            )
        return N_("A reference is 2 to 64 letters, digits or . _ : - (no spaces, not a name).")
    return None


def parse(
    draft: ConcernDraft, school_ids: Collection[str]
) -> tuple[dict[str, Any] | None, dict[str, str]]:
    """``RaiseConcern``'s body, or None and a message (to translate) for each wrong field."""
    errors: dict[str, str] = {}
    if message := _student_ref_error(draft.student_ref):
        errors["student_ref"] = message
    school = draft.school_id or (next(iter(school_ids)) if len(school_ids) == 1 else "")
    if not school:
        errors["school_id"] = N_("Choose the school.")
    elif school not in school_ids:
        # intake refuses it too (403); said here first, beside the field, nothing sent.
        errors["school_id"] = N_("You can raise a concern only at a school you work at.")
    known = {c.value for c in ConcernCategory}
    if not draft.categories:
        errors["categories"] = N_("Choose at least one kind of concern.")
    elif not set(draft.categories) <= known:
        errors["categories"] = N_("Choose the kinds of concern from the list.")
    if draft.urgency not in {u.value for u in Urgency}:
        errors["urgency"] = N_("Say whether it is urgent.")
    description = draft.description.strip()
    if not description:
        errors["description"] = N_("Describe what you saw.")
    elif len(description) > DESCRIPTION_MAX:
        errors["description"] = N_("Shorten the description to 5000 characters at most.")
    hold = draft.guardian_must_not_be_told_yet
    if hold and draft.guardian_informed:
        errors["guardian_must_not_be_told_yet"] = N_(
            "You said the guardian has been told: untick one of the two."
        )
    ground = draft.guardian_hold_ground
    if hold and ground not in {g.value for g in HOLD_GROUNDS}:
        errors["guardian_hold_ground"] = N_(
            "Say why the guardian must not be told yet (§16.3): choose a reason."
        )
    if errors:
        return None, errors
    return {
        "student_ref": draft.student_ref,
        "school_id": school,
        "categories": [c.value for c in ConcernCategory if c.value in draft.categories],
        "urgency": draft.urgency,
        "description": description,
        "student_informed": draft.student_informed,
        "guardian_informed": draft.guardian_informed,
        "guardian_must_not_be_told_yet": hold,
        # A reason chosen and then the box unticked: the box decides, the reason goes.
        "guardian_hold_ground": ground if hold else None,
    }, {}
