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

from services.web.domain.words import N_

__all__ = ["Detail", "Word", "summarise"]


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
    "topic": (N_("Matter"), "category"),
    "background": (N_("Background"), None),
    "raised_by": (N_("Raised by"), "people"),
    "requested_by": (N_("Asked by"), "requester"),
    "requester_ref": (N_("Asked by"), None),
    "guardian_hold_requested": (N_("Asked that the guardian not be told yet"), "yes_no"),
    "offered_on": (N_("Offered on"), "day"),
    "offered_by": (N_("Offered by"), None),
    "within_deadline": (N_("Within the deadline"), "yes_no"),
    "from_": (N_("Asked of"), "consenter"),
    "purpose": (N_("Purpose"), None),
    "members": (N_("Members"), "people"),
    "outside_parties": (N_("Outside parties"), "people"),
    "student_can_judge": (N_("The student can judge what consenting means"), "yes_no"),
    "capacity_reasons": (N_("Why"), None),
    "capacity_assessed_by": (N_("Capacity assessed by"), None),
    "given": (N_("Consent given"), "yes_no"),
    "given_by": (N_("Decided by"), "consenter"),
    "form": (N_("Form"), "consent_form"),
    "covers": (N_("Covers"), "coverage"),
    "refused": (N_("Refused"), "coverage"),
    "answered_by": (N_("Answered online by"), None),
    "left_group": (N_("Left the group"), "people"),
    "withdrawn_by": (N_("Withdrawn online by"), None),
    "views": (N_("Views"), None),
    "wishes": (N_("Wishes"), None),
    "reason": (N_("Reason"), None),
    "assessment": (N_("Assessment"), None),
    "bars": (N_("Bars"), "bar"),
    "ground": (N_("Ground"), None),
    "expires_on": (N_("Expires on"), "day"),
    "expired_on": (N_("Expired on"), "day"),
    "responsible": (N_("Responsible"), "people"),
    "previous": (N_("Previously"), None),
    "on": (N_("When"), "moment"),
    "attendees": (N_("Attendees"), "people"),
    "others": (N_("Others present"), "people"),
    "handling": (N_("How the group handled the matter"), None),
    "measures": (N_("Measures"), "measures"),
    "carried_out_on": (N_("Carried out on"), "day"),
    "carried_out_by": (N_("Carried out by"), None),
    "what_was_done": (N_("What was done"), None),
    "outcome": (N_("Outcome"), "review_outcome"),
    "progress": (N_("Progress"), None),
    "made_by": (N_("Made by"), None),
    "made_on": (N_("Made on"), "day"),
    "to": (N_("To"), None),
    "what": (N_("What"), None),
    "data": (N_("Data"), "record_data"),
    "legal_basis": (N_("Legal basis"), None),
    "correction": (N_("Correction"), None),
    "requested_on": (N_("Requested on"), "day"),
    "with_profession": (N_("With"), "role"),
    "due_on": (N_("Due on"), "day"),
    "from_urgency": (N_("Urgency was"), "urgency"),
    "to_urgency": (N_("Urgency now"), "urgency"),
    "exception": (N_("Exception"), "exception"),
    "explanation": (N_("Explanation"), None),
    "told_on": (N_("Told on"), "day"),
    "background_shared_with_raiser": (N_("The raiser knows the background"), "yes_no"),
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
