"""What a record entry says, typed per kind: one class per ``EntryKind``, in one union.

A step builds the content of its kind, so a misspelt key or a wrong shape fails where it is
written, not when someone reads the record. At rest the content is sealed as JSON with the
same keys as ever and without the kind, which the entry beside it says: reading it back
puts the entry's kind in again (``content_from_stored``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import Field, TypeAdapter

from services.welfare_group.domain.record_content_case import (
    CaseOpened,
    ConcernLinked,
    ConsentCoverage,
    ConsentDecision,
    ConsentRequested,
    ConsentWithdrawn,
    DiscussionOffered,
    GuardianBarred,
    GuardianHoldConfirmed,
    GuardianHoldLifted,
    ResponsibleAssigned,
    StudentView,
)
from services.welfare_group.domain.record_content_disclosure import (
    Disclosure,
    DisclosureConsentDecision,
    DisclosureConsentWithdrawn,
    TransferDecision,
)
from services.welfare_group.domain.record_content_group import (
    ChildWelfareNotice,
    Closed,
    Correction,
    FollowUpReview,
    GroupFormed,
    MeasuresAgreed,
    MeetingHeld,
    MeetingScheduled,
)
from shared.contracts import EntryKind

__all__ = [
    "CaseOpened",
    "ChildWelfareNotice",
    "Closed",
    "ConcernLinked",
    "ConsentCoverage",
    "ConsentDecision",
    "ConsentRequested",
    "ConsentWithdrawn",
    "Correction",
    "Disclosure",
    "DisclosureConsentDecision",
    "DisclosureConsentWithdrawn",
    "DiscussionOffered",
    "EntryContent",
    "FollowUpReview",
    "GroupFormed",
    "GuardianBarred",
    "GuardianHoldConfirmed",
    "GuardianHoldLifted",
    "MeasuresAgreed",
    "MeetingHeld",
    "MeetingScheduled",
    "ResponsibleAssigned",
    "StudentView",
    "TransferDecision",
    "content_from_stored",
    "content_to_stored",
]

EntryContent = Annotated[
    CaseOpened
    | ConcernLinked
    | DiscussionOffered
    | ConsentRequested
    | ConsentDecision
    | ConsentWithdrawn
    | StudentView
    | GuardianBarred
    | GuardianHoldConfirmed
    | GuardianHoldLifted
    | ResponsibleAssigned
    | GroupFormed
    | MeetingScheduled
    | MeetingHeld
    | MeasuresAgreed
    | FollowUpReview
    | DisclosureConsentDecision
    | DisclosureConsentWithdrawn
    | Disclosure
    | TransferDecision
    | ChildWelfareNotice
    | Correction
    | Closed,
    Field(discriminator="kind"),
]
"""The content of a record entry: which class, the entry's kind says."""

_CONTENT: TypeAdapter[EntryContent] = TypeAdapter(EntryContent)


def content_from_stored(kind: EntryKind | str, stored: Mapping[str, Any]) -> EntryContent:
    """The content of an entry of this kind, from its unsealed JSON. The JSON does not say
    its kind (the entry does), so the kind is put in before it is validated."""
    kind = EntryKind(kind)
    if stored.get("kind", kind) != kind:
        raise ValueError(f"the content of a {kind.value} entry says it is {stored['kind']}")
    return _CONTENT.validate_python({**stored, "kind": kind})


def content_to_stored(content: EntryContent) -> dict[str, Any]:
    """The content as it is sealed at rest and shown to a reader: JSON values, the keys
    the step wrote, no kind."""
    stored: dict[str, Any] = _CONTENT.dump_python(content, mode="json")
    return stored
