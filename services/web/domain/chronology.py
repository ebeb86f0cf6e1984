"""The record's chronology in words: what each kind of entry says, field by field.

The content is the welfare group's, per kind (its ``record_content*`` modules); this says
which of its keys a reader needs, under which label, and how each value is read: as it is,
as a word from a vocabulary (translated where shown), as a day, or as a list of people.
A key this does not know is still shown, under its own name: nothing of the record hides.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Detail", "Word", "summarise"]


def _msg(message: str) -> str:
    """Marks a label for the catalogues; it is translated where it is shown."""
    return message


@dataclass(frozen=True)
class Word:
    text: str
    vocabulary: str | None = None  # the label table it is a word of, translated if so
    role: str | None = None  # a person's role, named after them
    after: str | None = None  # free text that follows (a measure's description)


@dataclass(frozen=True)
class Detail:
    label: str  # an English msgid
    words: tuple[Word, ...]


# key -> (label, how): how is None (as it is), "day", "people", or a vocabulary's name.
_KEYS: dict[str, tuple[str, str | None]] = {
    "topic": (_msg("Matter"), "category"),
    "background": (_msg("Background"), None),
    "raised_by": (_msg("Raised by"), "people"),
    "requested_by": (_msg("Asked by"), "requester"),
    "requester_ref": (_msg("Asked by"), None),
    "guardian_hold_requested": (_msg("Asked that the guardian not be told yet"), "yes_no"),
    "offered_on": (_msg("Offered on"), "day"),
    "offered_by": (_msg("Offered by"), None),
    "within_deadline": (_msg("Within the deadline"), "yes_no"),
    "from_": (_msg("Asked of"), "consenter"),
    "purpose": (_msg("Purpose"), None),
    "members": (_msg("Members"), "people"),
    "outside_parties": (_msg("Outside parties"), "people"),
    "student_can_judge": (_msg("The student can judge what consenting means"), "yes_no"),
    "capacity_reasons": (_msg("Why"), None),
    "capacity_assessed_by": (_msg("Capacity assessed by"), None),
    "given": (_msg("Consent given"), "yes_no"),
    "given_by": (_msg("Decided by"), "consenter"),
    "form": (_msg("Form"), "consent_form"),
    "covers": (_msg("Covers"), "coverage"),
    "refused": (_msg("Refused"), "coverage"),
    "answered_by": (_msg("Answered online by"), None),
    "left_group": (_msg("Left the group"), "people"),
    "withdrawn_by": (_msg("Withdrawn online by"), None),
    "views": (_msg("Views"), None),
    "wishes": (_msg("Wishes"), None),
    "reason": (_msg("Reason"), None),
    "assessment": (_msg("Assessment"), None),
    "bars": (_msg("Bars"), "bar"),
    "ground": (_msg("Ground"), None),
    "expires_on": (_msg("Expires on"), "day"),
    "expired_on": (_msg("Expired on"), "day"),
    "responsible": (_msg("Responsible"), "people"),
    "previous": (_msg("Previously"), None),
    "on": (_msg("When"), "moment"),
    "attendees": (_msg("Attendees"), "people"),
    "others": (_msg("Others present"), "people"),
    "handling": (_msg("How the group handled the matter"), None),
    "measures": (_msg("Measures"), "measures"),
    "carried_out_on": (_msg("Carried out on"), "day"),
    "carried_out_by": (_msg("Carried out by"), None),
    "what_was_done": (_msg("What was done"), None),
    "outcome": (_msg("Outcome"), "review_outcome"),
    "progress": (_msg("Progress"), None),
    "made_by": (_msg("Made by"), None),
    "made_on": (_msg("Made on"), "day"),
    "to": (_msg("To"), None),
    "what": (_msg("What"), None),
    "data": (_msg("Data"), "record_data"),
    "legal_basis": (_msg("Legal basis"), None),
    "correction": (_msg("Correction"), None),
    "requested_on": (_msg("Requested on"), "day"),
    "with_profession": (_msg("With"), "role"),
    "due_on": (_msg("Due on"), "day"),
    "from_urgency": (_msg("Urgency was"), "urgency"),
    "to_urgency": (_msg("Urgency now"), "urgency"),
    "exception": (_msg("Exception"), "exception"),
    "explanation": (_msg("Explanation"), None),
    "told_on": (_msg("Told on"), "day"),
    "background_shared_with_raiser": (_msg("The raiser knows the background"), "yes_no"),
}
# Said by the entry beside the content, or not for every reader of the chronology.
_SKIPPED = frozenset(
    {"meeting_id", "measure_id", "consent_id", "concern_ids", "concern_id", "answers",
     "consent_versions", "entries", "statute", "identity_code", "student_name",
     "home_municipality", "guardians"}
)  # fmt: skip


def summarise(content: Mapping[str, Any]) -> list[Detail]:
    details: list[Detail] = []
    for key, value in content.items():
        if key in _SKIPPED or value is None or value == [] or value == "":
            continue
        label, how = _KEYS.get(key, (key.replace("_", " ").capitalize(), None))
        details.extend(_details(label, how, value))
    return details


def _details(label: str, how: str | None, value: Any) -> list[Detail]:
    values = value if isinstance(value, list) else [value]
    if how == "coverage" and isinstance(value, Mapping):
        values = [*value.get("members", ()), *value.get("outside_parties", ())]
        how = None
    if how == "measures":
        words = tuple(
            Word(str(m.get("kind", "")), "measure_kind", after=str(m.get("description", "")))
            for m in values
            if isinstance(m, Mapping)
        )
    elif how == "people":
        words = tuple(_person(p) for p in values)
    else:
        words = tuple(_word(v, how) for v in values)
    return [Detail(label, words)] if words else []


def _word(value: Any, how: str | None) -> Word:
    if isinstance(value, bool):
        return Word("yes" if value else "no", "yes_no")
    return Word(str(value), how)


def _person(person: Any) -> Word:
    if isinstance(person, Mapping):
        who = person.get("staff_id") or person.get("name") or ""
        role = person.get("role")
        return Word(str(who), role=str(role) if role else None)
    return Word(str(person))
