"""The fixed vocabularies that more than one service speaks."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

__all__ = [
    "WELFARE_PROFESSIONS",
    "ConcernCategory",
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
