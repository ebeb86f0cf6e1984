"""The school directory file that seeds a deployment: schools, their staff, guardians.

Each service takes its own part: the welfare group the rosters (who and in what role),
notifications the contacts (addresses, language, channels). No names are needed anywhere.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, EmailStr, Field

from shared.contracts import Identifier, StaffRole

__all__ = ["BreakEntry", "GuardianEntry", "SchoolEntry", "SeedFile", "StaffEntry", "load_seed"]

Language = Literal["fi", "sv", "en"]
Channel = Literal["inbox", "email"]


def _all_channels() -> list[Channel]:
    return ["inbox", "email"]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StaffEntry(_Entry):
    staff_id: Identifier
    role: StaffRole
    email: EmailStr
    language: Language = "fi"
    channels: list[Channel] = Field(default_factory=_all_channels)


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


class GuardianEntry(_Entry):
    guardian_id: Identifier
    student_refs: list[Identifier] = Field(min_length=1)
    email: EmailStr
    language: Language = "fi"
    channels: list[Channel] = Field(default_factory=_all_channels)


class SeedFile(_Entry):
    schools: list[SchoolEntry]
    guardians: list[GuardianEntry] = Field(default_factory=list)


def load_seed(path: Path) -> SeedFile:
    return SeedFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
