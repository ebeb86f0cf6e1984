"""The school directory file that seeds a deployment: schools, their staff, guardians, and
the school's student register.

Each service takes its own part: the welfare group the rosters (who and in what role) and
what it needs of the school's student register (the date of birth, for majority, and what
the welfare record's §20.4 header says: names, identity codes, home municipality,
guardians), notifications the contacts (addresses, language, channels). Names and identity
codes are in ``students`` and the guardians' ``name`` only; the welfare group seals them at
rest, and no other service stores them.
"""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import Annotated, Literal, Self

import yaml
from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints, model_validator

from shared.contracts import Identifier, StaffRole

__all__ = [
    "BreakEntry",
    "GuardianEntry",
    "QuietHours",
    "SchoolEntry",
    "SeedFile",
    "ServiceSupervisorEntry",
    "StaffEntry",
    "StudentEntry",
    "WelfareAdministratorEntry",
    "WelfareLeadEntry",
    "load_seed",
]

Language = Literal["fi", "sv", "en"]
Channel = Literal["inbox", "email", "sms"]
Phone = Annotated[str, StringConstraints(pattern=r"^\+[1-9][0-9]{6,14}$")]  # E.164
# A Finnish personal identity code (henkilötunnus): DDMMYY, century sign, 3 digits, check.
IdentityCode = Annotated[str, StringConstraints(pattern=r"^\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]$")]
MessageKind = Annotated[str, StringConstraints(pattern=r"^[a-z_.]{3,40}$")]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


def _all_channels() -> list[Channel]:
    return ["inbox", "email"]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QuietHours(_Entry):
    """Routine messages wait until ``end``; urgent ones do not wait. May span midnight."""

    start: time
    end: time


class _Contactable(_Entry):
    """How a person is reached: addresses, language, channels and preferences."""

    email: EmailStr | None = None
    phone: Phone | None = None
    language: Language = "fi"
    channels: list[Channel] = Field(default_factory=_all_channels)
    # Per kind of message (e.g. "deadline.breached"), the channels to use instead.
    preferences: dict[MessageKind, list[Channel]] = Field(default_factory=dict)
    quiet_hours: QuietHours | None = None
    digest: bool = Field(default=False, description="Routine email and SMS once a day.")

    @model_validator(mode="after")
    def _reachable(self) -> Self:
        chosen = {*self.channels, *(c for cs in self.preferences.values() for c in cs)}
        if "email" in chosen and self.email is None:
            raise ValueError("email is chosen as a channel but no email address is given")
        if "sms" in chosen and self.phone is None:
            raise ValueError("sms is chosen as a channel but no phone number is given")
        return self


class StaffEntry(_Contactable):
    staff_id: Identifier
    role: StaffRole
    allocated_fte: float = Field(
        default=1.0,
        gt=0,
        le=1,
        description="The share of their working time allocated to this school (§9a).",
    )


class BreakEntry(_Entry):
    """A school break (autumn, Christmas, winter, summer): no school days, no deadlines."""

    name: str = Field(min_length=1, max_length=80)
    first_day: date
    last_day: date


class SchoolEntry(_Entry):
    school_id: Identifier
    students: int = Field(default=0, ge=0, description="Pupils enrolled: for the §9a ceilings.")
    staff: list[StaffEntry]
    breaks: list[BreakEntry] = Field(default_factory=list)


class GuardianEntry(_Contactable):
    guardian_id: Identifier
    student_refs: list[Identifier] = Field(min_length=1)
    # The schools the children attend: a development sign-in names them, as the identity
    # provider would from the student register, for a guardian's own request (§15.2).
    school_ids: list[Identifier] = Field(default_factory=list)
    name: str | None = Field(default=None, min_length=1, max_length=120)  # for §20.4 only


class StudentEntry(_Entry):
    """A student as the school's student register knows them (§20.4's header, majority)."""

    student_ref: Identifier
    date_of_birth: date
    given_names: Name
    family_name: Name
    identity_code: IdentityCode
    home_municipality: Name
    guardians: list[Identifier] = Field(default_factory=list)  # none for an adult
    # The school the register enrols them at: a development sign-in names it, as the
    # identity provider would, so a student can ask for a discussion there (§15.1).
    school_id: Identifier | None = None


class WelfareAdministratorEntry(_Contactable):
    """The education provider's welfare administrator: told when nobody can lead a case."""

    administrator_id: Identifier


class ServiceSupervisorEntry(_Contactable):
    """The wellbeing services county's service supervisor of the schools' psychologists
    and kuraattori: told, with the principal, when a §15 deadline passes at those schools."""

    supervisor_id: Identifier
    school_ids: list[Identifier] = Field(min_length=1)


class WelfareLeadEntry(_Contactable):
    """The education provider's welfare lead: the communal welfare of all its schools, the
    welfare plan and the yearly evaluation (§13, §25), never a case."""

    welfare_lead_id: Identifier


class SeedFile(_Entry):
    schools: list[SchoolEntry]
    guardians: list[GuardianEntry] = Field(default_factory=list)
    students: list[StudentEntry] = Field(default_factory=list)
    welfare_administrators: list[WelfareAdministratorEntry] = Field(default_factory=list)
    service_supervisors: list[ServiceSupervisorEntry] = Field(default_factory=list)
    welfare_leads: list[WelfareLeadEntry] = Field(default_factory=list)


def load_seed(path: Path) -> SeedFile:
    return SeedFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
