"""What the record says of the §15 clock: a discussion requested (§15.1-2), the urgency
re-assessed by a professional, the §15.2 exception with its reason, and the §16.2 duty done.

Field names are the keys of the sealed JSON at rest. The ``kind`` names the entry's kind;
it is not dumped, because the entry beside the content says it already.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import ConfigDict, Field
from pydantic.dataclasses import dataclass

from shared.contracts import EntryKind, Role, Urgency

__all__ = [
    "DiscussionException",
    "DiscussionNotNeeded",
    "DiscussionRequested",
    "DiscussionRequester",
    "StudentTold",
    "UrgencyReassessed",
]

_EXACT = ConfigDict(extra="forbid")


class DiscussionRequester(StrEnum):
    """Whose request or contact it was (§15.1: the student; §15.2: on a contact)."""

    STUDENT = "student"
    GUARDIAN = "guardian"
    STAFF = "staff"
    OTHER = "other"


class DiscussionException(StrEnum):
    """§15.2's two cases in which a contact needs no discussion offered."""

    ADVICE_TO_THE_CALLER = "advice_to_the_caller"  # the contact was only advice to the caller
    CLEARLY_UNNECESSARY = "clearly_unnecessary"  # a discussion is clearly unnecessary


@dataclass(frozen=True, config=_EXACT)
class DiscussionRequested:
    requested_on: date
    requested_by: DiscussionRequester
    with_profession: Literal[Role.PSYCHOLOGIST, Role.KURAATTORI]
    due_on: date  # the §15 deadline as it stood after this request
    kind: Literal[EntryKind.DISCUSSION_REQUESTED] = Field(
        default=EntryKind.DISCUSSION_REQUESTED, exclude=True
    )


@dataclass(frozen=True, config=_EXACT)
class UrgencyReassessed:
    """A welfare professional's judgement of urgency, which replaces the raiser's."""

    from_urgency: Urgency
    to_urgency: Urgency
    reason: str
    due_on: date | None  # the §15 deadline recomputed from the request day; None: no clock
    kind: Literal[EntryKind.URGENCY_REASSESSED] = Field(
        default=EntryKind.URGENCY_REASSESSED, exclude=True
    )


@dataclass(frozen=True, config=_EXACT)
class DiscussionNotNeeded:
    """The psychologist's or kuraattori's §15.2 judgement: the clock stops, with why."""

    exception: DiscussionException
    explanation: str
    due_on: date  # the deadline that no longer runs
    kind: Literal[EntryKind.DISCUSSION_NOT_NEEDED] = Field(
        default=EntryKind.DISCUSSION_NOT_NEEDED, exclude=True
    )


@dataclass(frozen=True, config=_EXACT)
class StudentTold:
    """§16.2 done: the student was told of the contact and offered a discussion."""

    told_on: date
    within_deadline: bool  # by the duty's deadline, the §15 limit of the concern
    kind: Literal[EntryKind.STUDENT_TOLD] = Field(default=EntryKind.STUDENT_TOLD, exclude=True)
