"""A record entry in words for the family: what kind of entry it is, and what it says.

The welfare group decides what the family may read (§18, the student's age); this only
says it plainly: each kind's name, and the parts of its content a reader needs (what was
agreed, what was said), never the internal references.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from services.web.domain.family import N_

__all__ = ["KINDS", "details_of"]

KINDS = {
    "case_opened": N_("The matter was taken up"),
    "concern_linked": N_("Another concern was added"),
    "discussion_requested": N_("A discussion was asked for"),
    "discussion_offered": N_("A discussion was offered"),
    "discussion_not_needed": N_("No discussion was needed"),
    "urgency_reassessed": N_("The urgency was judged again"),
    "student_told": N_("The student was told"),
    "consent_requested": N_("Consent was asked for"),
    "consent_decision": N_("A consent answer"),
    "consent_withdrawn": N_("Consent was withdrawn"),
    "student_view": N_("The student's own view"),
    "guardian_barred": N_("The guardian was kept out"),
    "guardian_bar_lifted": N_("The guardian may take part again"),
    "guardian_hold_confirmed": N_("Telling the guardian was held back"),
    "guardian_hold_lifted": N_("The guardian may be told"),
    "guardian_hold_lapsed": N_("The hold on telling the guardian ended"),
    "responsible_assigned": N_("Someone was made responsible"),
    "record_header": N_("The record begins"),
    "group_formed": N_("An expert group was formed"),
    "meeting_scheduled": N_("A meeting was planned"),
    "meeting_held": N_("A meeting was held"),
    "measures_agreed": N_("Support was agreed"),
    "measure_carried_out": N_("Support was given"),
    "follow_up_review": N_("How things are going was reviewed"),
    "disclosure_consent_decision": N_("An answer about giving data out"),
    "disclosure_consent_withdrawn": N_("Consent to give data out was withdrawn"),
    "disclosure": N_("Data was given out"),
    "transfer_decision": N_("An answer about moving the record to a new school"),
    "child_welfare_notice": N_("A child welfare notice was made"),
    "correction": N_("A correction"),
    "closed": N_("The matter was closed"),
}

# What each kind says, in the order a reader wants it: (content key, label).
_SAYS: dict[str, tuple[tuple[str, str], ...]] = {
    "case_opened": (("background", N_("Background")),),
    "discussion_offered": (("offered_on", N_("Offered for")),),
    "discussion_not_needed": (("explanation", N_("Why")),),
    "urgency_reassessed": (("reason", N_("Why")),),
    "consent_requested": (("purpose", N_("What for")),),
    "consent_decision": (
        ("given", N_("Consent given")),
        ("purpose", N_("What for")),
        ("covers.members", N_("Consented: staff")),
        ("covers.outside_parties", N_("Consented: outside parties")),
        ("refused.members", N_("Refused: staff")),
        ("refused.outside_parties", N_("Refused: outside parties")),
    ),
    "group_formed": (
        ("members", N_("Members")),
        ("responsible", N_("Responsible")),
        ("outside_parties", N_("Outside parties")),
    ),
    "student_view": (("views", N_("Views")), ("wishes", N_("Wishes"))),
    "guardian_barred": (("reason", N_("Why")),),
    "guardian_bar_lifted": (("reason", N_("Why")),),
    "record_header": (("background", N_("Background")),),
    "meeting_held": (("handling", N_("What was discussed")),),
    "measures_agreed": (("measures", N_("Support agreed")),),
    "measure_carried_out": (("what_was_done", N_("What was done")),),
    "follow_up_review": (("progress", N_("How it is going")),),
    "disclosure": (("to", N_("To whom")), ("what", N_("What"))),
    "disclosure_consent_decision": (("given", N_("Consent given")), ("to", N_("To whom"))),
    "transfer_decision": (("given", N_("Consent given")), ("to", N_("To whom"))),
    "child_welfare_notice": (("made_on", N_("Made on")),),
    "correction": (("correction", N_("Correction")),),
    "closed": (("reason", N_("Why")),),
}


def _item(value: Any) -> str:
    if not isinstance(value, dict):
        return str(value)
    if "staff_id" in value:  # a staff member: who, and in what profession
        return (
            f"{value['staff_id']} ({value.get('role', '')})"
            if value.get("role")
            else str(value["staff_id"])
        )
    return str(value.get("description", ""))


def _said(value: Any) -> str | bool | None:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, list):
        return "; ".join(p for p in map(_item, value) if p) or None
    return str(value) or None


def _at(content: Mapping[str, Any], key: str) -> Any:
    """``content[key]``, where a dotted key reaches into a part ("refused.members")."""
    value: Any = content
    for part in key.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def details_of(kind: str, content: Mapping[str, Any]) -> list[tuple[str, str | bool]]:
    """The (label, value) pairs worth reading; a yes/no stays a bool for the template."""
    found: list[tuple[str, str | bool]] = []
    for key, label in _SAYS.get(kind, ()):
        value = _said(_at(content, key))
        if value is not None:
            found.append((label, value))
    return found
