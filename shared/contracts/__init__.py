"""Event contracts: the only definition of what travels between the services."""

from shared.contracts.codec import KNOWN_TAGS, InvalidEvent, decode_event
from shared.contracts.deadlines import (
    DeadlineApproachingData,
    DeadlineApproachingV1,
    DeadlineBreachedData,
    DeadlineBreachedV1,
    FollowUpDueData,
    FollowUpDueV1,
    TimerFacts,
)
from shared.contracts.envelope import Cause, EventEnvelope, utc_now
from shared.contracts.erasure import CasePurgedData, CasePurgedV1
from shared.contracts.events import (
    CaseConcernLinkedData,
    CaseConcernLinkedV1,
    CaseFacts,
    CaseOpenedData,
    CaseOpenedV1,
    CaseStepRecordedData,
    CaseStepRecordedV1,
    ConcernRaisedData,
    ConcernRaisedV1,
    EventData,
    NotificationFailedData,
    NotificationFailedV1,
    NotificationSentData,
    NotificationSentV1,
    StaffMember,
)
from shared.contracts.union import AnyEvent
from shared.contracts.vocabulary import (
    WELFARE_PROFESSIONS,
    ConcernCategory,
    Identifier,
    StaffRole,
    Urgency,
)

__all__ = [
    "KNOWN_TAGS",
    "WELFARE_PROFESSIONS",
    "AnyEvent",
    "CaseConcernLinkedData",
    "CaseConcernLinkedV1",
    "CaseFacts",
    "CaseOpenedData",
    "CaseOpenedV1",
    "CasePurgedData",
    "CasePurgedV1",
    "CaseStepRecordedData",
    "CaseStepRecordedV1",
    "Cause",
    "ConcernCategory",
    "ConcernRaisedData",
    "ConcernRaisedV1",
    "DeadlineApproachingData",
    "DeadlineApproachingV1",
    "DeadlineBreachedData",
    "DeadlineBreachedV1",
    "EventData",
    "EventEnvelope",
    "FollowUpDueData",
    "FollowUpDueV1",
    "Identifier",
    "InvalidEvent",
    "NotificationFailedData",
    "NotificationFailedV1",
    "NotificationSentData",
    "NotificationSentV1",
    "StaffMember",
    "StaffRole",
    "TimerFacts",
    "Urgency",
    "decode_event",
    "utc_now",
]
