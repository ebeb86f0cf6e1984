"""The fixed vocabularies that more than one service speaks."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated
from uuid import UUID

from pydantic import AfterValidator, StringConstraints, WithJsonSchema

__all__ = [
    "STAFF_ROLES",
    "WELFARE_PROFESSIONS",
    "Audience",
    "ConcernCategory",
    "ContactKind",
    "DiscussionWith",
    "EntryKind",
    "GuardianHoldGround",
    "Identifier",
    "MeasureKind",
    "RequestedBy",
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

    CASE_OPENED = "case_opened"  # the referral to a professional (§16), in their register
    CONCERN_LINKED = "concern_linked"
    DISCUSSION_OFFERED = "discussion_offered"
    CONSENT_REQUESTED = "consent_requested"
    CONSENT_DECISION = "consent_decision"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    STUDENT_VIEW = "student_view"
    GUARDIAN_BARRED = "guardian_barred"
    GUARDIAN_BAR_LIFTED = "guardian_bar_lifted"
    GUARDIAN_HOLD_CONFIRMED = "guardian_hold_confirmed"
    GUARDIAN_HOLD_LIFTED = "guardian_hold_lifted"
    GUARDIAN_HOLD_LAPSED = "guardian_hold_lapsed"
    RESPONSIBLE_ASSIGNED = "responsible_assigned"
    RECORD_HEADER = "record_header"  # the opiskeluhuoltokertomus begins: §20.4's header
    GROUP_FORMED = "group_formed"
    MEETING_SCHEDULED = "meeting_scheduled"
    MEETING_HELD = "meeting_held"
    MEASURES_AGREED = "measures_agreed"
    MEASURE_CARRIED_OUT = "measure_carried_out"  # §20.4: the measures taken
    FOLLOW_UP_REVIEW = "follow_up_review"
    DISCLOSURE_CONSENT_DECISION = "disclosure_consent_decision"
    DISCLOSURE_CONSENT_WITHDRAWN = "disclosure_consent_withdrawn"
    DISCLOSURE = "disclosure"
    TRANSFER_DECISION = "transfer_decision"
    CHILD_WELFARE_NOTICE = "child_welfare_notice"
    CORRECTION = "correction"
    CLOSED = "closed"
    DISCUSSION_REQUESTED = "discussion_requested"
    URGENCY_REASSESSED = "urgency_reassessed"
    DISCUSSION_NOT_NEEDED = "discussion_not_needed"
    STUDENT_TOLD = "student_told"


class MeasureKind(StrEnum):
    """The kinds of measure an expert group agrees (§20.4): the plan names them, and the
    statistics count them, so both sides of the step event speak this vocabulary."""

    SUPPORT_DISCUSSIONS = "support_discussions"
    HEALTH_CARE = "health_care"
    REFERRAL = "referral"
    FAMILY_COOPERATION = "family_cooperation"
    OTHER = "other"
    # Listed so that they can be refused with the reason, not merely rejected as unknown.
    DISCIPLINE = "discipline"
    LEARNING_SUPPORT = "learning_support"


class GuardianHoldGround(StrEnum):
    """Why a raiser asks that the guardian not be told yet (§16.3, §18): a ground from a
    list, so that the event says why without carrying anyone's words."""

    STUDENT_ASKED = "student_asked"  # the student asked it, for a reason to be weighed
    RISK_TO_STUDENT = "risk_to_student"  # telling the guardian could put the student at risk
    CHILD_WELFARE_NOTICE = "child_welfare_notice"  # a child-welfare notice is being made
    OTHER_WEIGHTY_REASON = "other_weighty_reason"


class Audience(StrEnum):
    """Whom a recorded case step must be told to: each step's declaration says, the step
    event carries it, and notifications reach exactly those people."""

    NOBODY = "nobody"  # the record keeps it; nobody needs to act on it
    GROUP = "group"  # the staff the step involves (members, attendees), not who took it
    NEW_LEAD = "new_lead"  # the person just made responsible for the case
    # The case's responsible person, even when the entry is in their name: the family
    # acted (answered a consent request online, withdrew it), so they must know.
    RESPONSIBLE = "responsible"
    GUARDIAN = "guardian"  # the student's guardians, unless §18 keeps them out


class RequestedBy(StrEnum):
    """Whose request or contact started the welfare work (§15.1-2): each has its own way in."""

    STAFF = "staff"  # a staff member's concern (§16)
    STUDENT = "student"  # the student's own request
    GUARDIAN = "guardian"  # a guardian's request for their child
    OTHER = "other"  # another person's contact, recorded by the staff member who took it


class DiscussionWith(StrEnum):
    """The profession a §15 discussion is asked of; either, when the asker leaves it open."""

    PSYCHOLOGIST = "psychologist"
    KURAATTORI = "kuraattori"
    EITHER = "either"


class ContactKind(StrEnum):
    """How another person's contact reached the school (§15.2)."""

    PHONE = "phone"
    LETTER = "letter"
    IN_PERSON = "in_person"


class Urgency(StrEnum):
    ROUTINE = "routine"
    URGENT = "urgent"


class Role(StrEnum):
    """Everyone the platform serves: school staff, the family, the provider's administrator,
    the county's service supervisor."""

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
    # The wellbeing services county's service supervisor of school psychologists and
    # kuraattori: told when a §15 deadline passes at a school they supervise.
    SERVICE_SUPERVISOR = "service_supervisor"
    # The education provider's welfare lead: the communal welfare of all its schools, the
    # welfare plan and the statistics that name no one (§13, §25); never a case.
    WELFARE_LEAD = "welfare_lead"


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


def _is_uuid(value: str) -> bool:
    try:
        return str(UUID(value)) == value.lower()
    except ValueError:
        return False


def _not_an_identity_code(value: str) -> str:
    # References are pseudonymous keys; an identity code must never become one, because
    # references travel in events, logs and URLs. A UUID (a case's, a concern's id) is
    # none, though about one in seventy has a run shaped like one ("273218-087c").
    if not _is_uuid(value) and _IDENTITY_CODE.search(value):
        raise ValueError("must be a pseudonymous reference, not a personal identity code")
    return value


Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]{1,63}$"),
    AfterValidator(_not_an_identity_code),
]
"""A reference to a student, school or person: letters, digits and ``_.:-``, 2-64 chars."""
