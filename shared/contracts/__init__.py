"""Event contracts: the only definition of what travels between the services."""

from shared.contracts.codec import KNOWN_TAGS, InvalidEvent, decode_event
from shared.contracts.envelope import Cause, EventEnvelope, utc_now
from shared.contracts.events import (
    AnyEvent,
    CaseConcernLinkedData,
    CaseConcernLinkedV1,
    CaseFacts,
    CaseOpenedData,
    CaseOpenedV1,
    CaseStepRecordedData,
    CaseStepRecordedV1,
    ConcernRaisedData,
    ConcernRaisedV1,
    NotificationFailedData,
    NotificationFailedV1,
    NotificationSentData,
    NotificationSentV1,
    StaffMember,
)
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
    "CaseStepRecordedData",
    "CaseStepRecordedV1",
    "Cause",
    "ConcernCategory",
    "ConcernRaisedData",
    "ConcernRaisedV1",
    "EventEnvelope",
    "Identifier",
    "InvalidEvent",
    "NotificationFailedData",
    "NotificationFailedV1",
    "NotificationSentData",
    "NotificationSentV1",
    "StaffMember",
    "StaffRole",
    "Urgency",
    "decode_event",
    "utc_now",
]
