"""What the record says of data leaving the work (§20.5, §22): the consents to a disclosure,
their withdrawal, and each disclosure with what, to whom and on what basis.

Field names are the keys of the sealed JSON at rest. The ``kind`` names the entry's kind;
it is not dumped, because the entry beside the content says it already.
"""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from pydantic import ConfigDict, Field
from pydantic.dataclasses import dataclass

from services.welfare_group.domain.consent import Consenter, ConsentForm
from services.welfare_group.domain.disclosure import RecordData
from services.welfare_group.domain.statutes import Statute
from shared.contracts import EntryKind

__all__ = [
    "Disclosure",
    "DisclosureConsentDecision",
    "DisclosureConsentWithdrawn",
    "TransferDecision",
]

_EXACT = ConfigDict(extra="forbid")


@dataclass(frozen=True, config=_EXACT)
class DisclosureConsentDecision:
    consent_id: UUID
    given: bool
    given_by: Consenter
    student_can_judge: bool
    to: str
    data: list[RecordData]
    purpose: str
    form: ConsentForm
    kind: Literal[EntryKind.DISCLOSURE_CONSENT_DECISION] = Field(
        default=EntryKind.DISCLOSURE_CONSENT_DECISION, exclude=True
    )


@dataclass(frozen=True, config=_EXACT)
class DisclosureConsentWithdrawn:
    consent_id: UUID
    to: str
    kind: Literal[EntryKind.DISCLOSURE_CONSENT_WITHDRAWN] = Field(
        default=EntryKind.DISCLOSURE_CONSENT_WITHDRAWN, exclude=True
    )


@dataclass(frozen=True, config=_EXACT)
class Disclosure:
    to: str
    what: str
    legal_basis: str  # as the record shows it: the statute's citation, or the consent
    data: RecordData = RecordData.WHOLE_RECORD  # the part of the record disclosed
    statute: Statute | None = None  # the statute chosen from the maintained list, or
    consent_id: UUID | None = None  # the written consent to this disclosure (§22)
    kind: Literal[EntryKind.DISCLOSURE] = Field(default=EntryKind.DISCLOSURE, exclude=True)


@dataclass(frozen=True, config=_EXACT)
class TransferDecision:
    """§23.3: the student's or guardian's decision on moving what continuity needs to a new
    education provider; a refusal is kept as well, and then nothing moves."""

    given: bool
    given_by: Consenter
    student_can_judge: bool
    to: str  # the new education provider
    form: ConsentForm
    consent_id: UUID
    entries: list[UUID]  # the record entries moved; none when refused
    kind: Literal[EntryKind.TRANSFER_DECISION] = Field(
        default=EntryKind.TRANSFER_DECISION, exclude=True
    )
