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
    GuardianBarLifted,
    GuardianBarred,
    GuardianHoldConfirmed,
    GuardianHoldLapsed,
    GuardianHoldLifted,
    ResponsibleAssigned,
    StudentView,
)
from services.welfare_group.domain.record_content_clock import (
    DiscussionException,
    DiscussionNotNeeded,
    DiscussionRequested,
    DiscussionRequester,
    StudentTold,
    UrgencyReassessed,
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
from services.welfare_group.domain.record_content_header import MeasureCarriedOut, RecordHeader
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
    "DiscussionException",
    "DiscussionNotNeeded",
    "DiscussionOffered",
    "DiscussionRequested",
    "DiscussionRequester",
    "EntryContent",
    "FollowUpReview",
    "GroupFormed",
    "GuardianBarLifted",
    "GuardianBarred",
    "GuardianHoldConfirmed",
    "GuardianHoldLapsed",
    "GuardianHoldLifted",
    "MeasureCarriedOut",
    "MeasuresAgreed",
    "MeetingHeld",
    "MeetingScheduled",
    "RecordHeader",
    "ResponsibleAssigned",
    "StudentTold",
    "StudentView",
    "TransferDecision",
    "UrgencyReassessed",
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
    | GuardianBarLifted
    | GuardianHoldConfirmed
    | GuardianHoldLifted
    | GuardianHoldLapsed
    | ResponsibleAssigned
    | RecordHeader
    | GroupFormed
    | MeetingScheduled
    | MeetingHeld
    | MeasuresAgreed
    | MeasureCarriedOut
    | FollowUpReview
    | DisclosureConsentDecision
    | DisclosureConsentWithdrawn
    | Disclosure
    | TransferDecision
    | ChildWelfareNotice
    | Correction
    | Closed
    | DiscussionRequested
    | UrgencyReassessed
    | DiscussionNotNeeded
    | StudentTold,
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
