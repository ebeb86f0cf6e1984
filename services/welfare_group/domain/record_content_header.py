"""What begins the opiskeluhuoltokertomus: its header (§20.4), written when the expert
group is formed on consent, from what the referral and the school's student register say;
and what §20.4 adds to the plan as the work goes on: each measure carried out.

Field names are the keys of the sealed JSON at rest. The ``kind`` names the entry's kind;
it is not dumped, because the entry beside the content says it already.
"""

from __future__ import annotations

from datetime import date
from typing import Literal
from uuid import UUID

from pydantic import ConfigDict, Field
from pydantic.dataclasses import dataclass

from services.welfare_group.domain.students import GuardianContact
from shared.contracts import ConcernCategory, EntryKind, StaffMember

__all__ = ["MeasureCarriedOut", "RecordHeader"]

_EXACT = ConfigDict(extra="forbid")


@dataclass(frozen=True, config=_EXACT)
class RecordHeader:
    # Who the record is about, from the school's student register (§20.4): sealed with the
    # welfare register's key like every entry's content, and nowhere else.
    student_name: str
    identity_code: str
    home_municipality: str
    guardians: list[GuardianContact]  # a minor's guardians, names and contacts; [] from 18
    topic: list[ConcernCategory]  # the matter, as the concerns named it
    raised_by: list[StaffMember]  # who raised it (§20.4: "asian vireille panija")
    concern_ids: list[UUID]  # the concerns the case took up, as intake knows them
    # The background in words, written by the responsible person with the raiser's
    # knowledge (never copied from intake unseen); None until it is written.
    background: str | None = None
    background_shared_with_raiser: bool = False  # the raiser knows what the record says
    kind: Literal[EntryKind.RECORD_HEADER] = Field(default=EntryKind.RECORD_HEADER, exclude=True)


@dataclass(frozen=True, config=_EXACT)
class MeasureCarriedOut:
    measure_id: UUID  # one of the measures agreed
    carried_out_on: date
    carried_out_by: str
    what_was_done: str
    kind: Literal[EntryKind.MEASURE_CARRIED_OUT] = Field(
        default=EntryKind.MEASURE_CARRIED_OUT, exclude=True
    )
