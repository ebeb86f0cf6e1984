"""What begins the opiskeluhuoltokertomus: its header (§20.4), written when the expert
group is formed on consent, from what the referral and the school's student register say.

Field names are the keys of the sealed JSON at rest. The ``kind`` names the entry's kind;
it is not dumped, because the entry beside the content says it already.
"""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from pydantic import ConfigDict, Field
from pydantic.dataclasses import dataclass

from shared.contracts import ConcernCategory, EntryKind, StaffMember

__all__ = ["RecordHeader"]

_EXACT = ConfigDict(extra="forbid")


@dataclass(frozen=True, config=_EXACT)
class RecordHeader:
    topic: list[ConcernCategory]  # the matter, as the concerns named it
    raised_by: list[StaffMember]  # who raised it (§20.4: "asian vireille panija")
    concern_ids: list[UUID]  # the concerns the case took up, as intake knows them
    # The background in words, written by the responsible person with the raiser's
    # knowledge (never copied from intake unseen); None until it is written.
    background: str | None = None
    kind: Literal[EntryKind.RECORD_HEADER] = Field(default=EntryKind.RECORD_HEADER, exclude=True)
