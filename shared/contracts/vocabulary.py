"""The fixed vocabularies that more than one service speaks."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

__all__ = [
    "WELFARE_PROFESSIONS",
    "ConcernCategory",
    "EntryKind",
    "Identifier",
    "StaffRole",
    "Urgency",
]


class ConcernCategory(StrEnum):
    LEARNING = "learning"
    ATTENDANCE = "attendance"
    MENTAL_HEALTH = "mental_health"
    PHYSICAL_HEALTH = "physical_health"
    SOCIAL_RELATIONS_AND_BULLYING = "social_relations_and_bullying"
    FAMILY_SITUATION = "family_situation"
    SUBSTANCE_USE = "substance_use"
    OTHER = "other"


class EntryKind(StrEnum):
    """The kinds of entry in a welfare record (§20). A case step event names the kind of
    the entry it recorded, so this is the vocabulary both sides of that event speak."""

    CASE_OPENED = "case_opened"
    CONCERN_LINKED = "concern_linked"
    DISCUSSION_OFFERED = "discussion_offered"
    CONSENT_REQUESTED = "consent_requested"
    CONSENT_DECISION = "consent_decision"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    STUDENT_VIEW = "student_view"
    GUARDIAN_BARRED = "guardian_barred"
    GUARDIAN_HOLD_CONFIRMED = "guardian_hold_confirmed"
    GUARDIAN_HOLD_LIFTED = "guardian_hold_lifted"
    RESPONSIBLE_ASSIGNED = "responsible_assigned"
    GROUP_FORMED = "group_formed"
    MEETING_SCHEDULED = "meeting_scheduled"
    MEETING_HELD = "meeting_held"
    MEASURES_AGREED = "measures_agreed"
    FOLLOW_UP_REVIEW = "follow_up_review"
    DISCLOSURE = "disclosure"
    CHILD_WELFARE_NOTICE = "child_welfare_notice"
    CORRECTION = "correction"
    CLOSED = "closed"


class Urgency(StrEnum):
    ROUTINE = "routine"
    URGENT = "urgent"


class StaffRole(StrEnum):
    TEACHER = "teacher"
    SPECIAL_NEEDS_TEACHER = "special_needs_teacher"
    COUNSELLOR = "counsellor"
    PRINCIPAL = "principal"
    NURSE = "nurse"
    PSYCHOLOGIST = "psychologist"
    KURAATTORI = "kuraattori"


# The county-employed welfare professionals whom §16 says staff must contact.
WELFARE_PROFESSIONS = frozenset({StaffRole.NURSE, StaffRole.PSYCHOLOGIST, StaffRole.KURAATTORI})

# A Finnish personal identity code (henkilötunnus): DDMMYY, century sign, 3 digits, check.
_IDENTITY_CODE = re.compile(r"\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]", re.IGNORECASE)


def _not_an_identity_code(value: str) -> str:
    # References are pseudonymous keys; an identity code must never become one, because
    # references travel in events, logs and URLs.
    if _IDENTITY_CODE.search(value):
        raise ValueError("must be a pseudonymous reference, not a personal identity code")
    return value


Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]{1,63}$"),
    AfterValidator(_not_an_identity_code),
]
"""A reference to a student, school or person: letters, digits and ``_.:-``, 2-64 chars."""
