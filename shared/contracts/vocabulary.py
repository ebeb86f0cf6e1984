"""The fixed vocabularies that more than one service speaks."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, StringConstraints, WithJsonSchema

__all__ = [
    "STAFF_ROLES",
    "WELFARE_PROFESSIONS",
    "Audience",
    "ConcernCategory",
    "EntryKind",
    "Identifier",
    "Role",
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
    DISCLOSURE_CONSENT_DECISION = "disclosure_consent_decision"
    DISCLOSURE_CONSENT_WITHDRAWN = "disclosure_consent_withdrawn"
    DISCLOSURE = "disclosure"
    TRANSFER_DECISION = "transfer_decision"
    CHILD_WELFARE_NOTICE = "child_welfare_notice"
    CORRECTION = "correction"
    CLOSED = "closed"


class Audience(StrEnum):
    """Whom a recorded case step must be told to: each step's declaration says, the step
    event carries it, and notifications reach exactly those people."""

    NOBODY = "nobody"  # the record keeps it; nobody needs to act on it
    GROUP = "group"  # the staff the step involves (members, attendees), not who took it
    NEW_LEAD = "new_lead"  # the person just made responsible for the case
    GUARDIAN = "guardian"  # the student's guardians, unless §18 keeps them out


class Urgency(StrEnum):
    ROUTINE = "routine"
    URGENT = "urgent"


class Role(StrEnum):
    """Everyone the platform serves: school staff, the family, the provider's administrator."""

    TEACHER = "teacher"
    SPECIAL_NEEDS_TEACHER = "special_needs_teacher"
    COUNSELLOR = "counsellor"
    PRINCIPAL = "principal"
    NURSE = "nurse"
    PSYCHOLOGIST = "psychologist"
    KURAATTORI = "kuraattori"
    GUARDIAN = "guardian"
    STUDENT = "student"
    ADMINISTRATOR = "administrator"


# Every school staff role may raise a concern (§16) and sit in an expert group.
STAFF_ROLES = frozenset(
    {
        Role.TEACHER,
        Role.SPECIAL_NEEDS_TEACHER,
        Role.COUNSELLOR,
        Role.PRINCIPAL,
        Role.NURSE,
        Role.PSYCHOLOGIST,
        Role.KURAATTORI,
    }
)
# The county-employed welfare professionals whom §16 says staff must contact.
WELFARE_PROFESSIONS = frozenset({Role.NURSE, Role.PSYCHOLOGIST, Role.KURAATTORI})


def _a_staff_role(role: Role) -> Role:
    if role not in STAFF_ROLES:
        raise ValueError(f"{role.value} is not a school staff role")
    return role


StaffRole = Annotated[
    Role,
    AfterValidator(_a_staff_role),
    WithJsonSchema({"type": "string", "enum": sorted(r.value for r in STAFF_ROLES)}),
]
"""A role of the school's staff: one of ``Role``, never the family's or the administrator's."""

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
