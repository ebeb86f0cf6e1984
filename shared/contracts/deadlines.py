"""The welfare group's clock speaking: a deadline draws near, a deadline passed, a review is
due, the §16.2 notice to the student is due and not yet recorded done.

Each is fired once per timer (``timer_id``) by the durable timer in the welfare group's
store, and only while it still matters: a discussion offered or a case closed silences it.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from pydantic import AwareDatetime, Field

from shared.contracts.envelope import Event
from shared.contracts.events import EventData, StaffMember
from shared.contracts.vocabulary import Identifier, Urgency

__all__ = [
    "DeadlineApproachingData",
    "DeadlineApproachingV1",
    "DeadlineBreachedData",
    "DeadlineBreachedV1",
    "FollowUpDueData",
    "FollowUpDueV1",
    "StudentNoticeDueData",
    "StudentNoticeDueV1",
    "TimerFacts",
]


class TimerFacts(EventData):
    timer_id: UUID
    case_id: UUID
    student_ref: Identifier
    school_id: Identifier
    urgency: Urgency
    responsible: StaffMember | None
    due_on: date
    fired_at: AwareDatetime


class DeadlineApproachingData(TimerFacts):
    """The §15 discussion is due on ``due_on`` (the next school day) and not yet offered."""


class DeadlineApproachingV1(Event[DeadlineApproachingData]):
    type: Literal["deadline.approaching"] = "deadline.approaching"
    schema_version: Literal[1] = 1


class DeadlineBreachedData(TimerFacts):
    """``due_on`` passed without the §15 discussion offered: the principal is told."""


class DeadlineBreachedV1(Event[DeadlineBreachedData]):
    type: Literal["deadline.breached"] = "deadline.breached"
    schema_version: Literal[1] = 1


class FollowUpDueData(TimerFacts):
    """Agreed measures are due for review on ``due_on``."""

    followed_up_by: Annotated[list[Identifier], Field(max_length=40)]
    measure_ids: Annotated[list[UUID], Field(max_length=40)]


class FollowUpDueV1(Event[FollowUpDueData]):
    type: Literal["follow_up.due"] = "follow_up.due"
    schema_version: Literal[1] = 1


class StudentNoticeDueData(TimerFacts):
    """§16.2: the student is to be told of the contact and offered a discussion by
    ``due_on`` (today), and nobody has recorded it done: the responsible person is reminded."""


class StudentNoticeDueV1(Event[StudentNoticeDueData]):
    type: Literal["student_notice.due"] = "student_notice.due"
    schema_version: Literal[1] = 1
