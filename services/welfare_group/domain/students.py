"""The student as the school's student register knows them: what §20.4 asks the welfare
record's header to say (name, personal identity code, home municipality, and for a minor
the guardians' names and contact details).

This is the only place the welfare group holds a name or an identity code. It reaches the
record only in the header, sealed with the welfare register's key; events, logs and
messages carry the pseudonymous ``student_ref`` alone.
"""

from __future__ import annotations

from datetime import date

from pydantic import ConfigDict
from pydantic.dataclasses import dataclass

__all__ = ["GuardianContact", "StudentIdentity"]

_EXACT = ConfigDict(extra="forbid")
MAJORITY = 18


@dataclass(frozen=True, config=_EXACT)
class GuardianContact:
    guardian_id: str
    name: str
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True, config=_EXACT)
class StudentIdentity:
    student_ref: str
    given_names: str
    family_name: str
    identity_code: str  # henkilötunnus: never a reference, never outside the sealed header
    home_municipality: str
    date_of_birth: date
    guardians: tuple[GuardianContact, ...] = ()
    # The school the register enrols them at; None: the register did not say (a student
    # seeded before it did). Only a student enrolled at a school is screened for there.
    school_id: str | None = None

    def is_minor_on(self, day: date) -> bool:
        born = self.date_of_birth
        age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
        return age < MAJORITY
