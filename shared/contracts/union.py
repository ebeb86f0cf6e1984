"""Every event type of the platform, in one discriminated union: what a consumer can read."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Discriminator, Tag

from shared.contracts.deadlines import (
    DeadlineApproachingV1,
    DeadlineBreachedV1,
    FollowUpDueV1,
    StudentNoticeDueV1,
)
from shared.contracts.erasure import CasePurgedV1
from shared.contracts.events import (
    CaseConcernLinkedV1,
    CaseOpenedV1,
    CaseStepRecordedV1,
    ConcernRaisedV1,
    NotificationFailedV1,
    NotificationSentV1,
)

__all__ = ["AnyEvent", "event_tag"]


def event_tag(value: Any) -> str | None:
    """``type@version``: what tells the event classes apart, from a dict or a model."""
    if isinstance(value, dict):
        kind, version = value.get("type"), value.get("schema_version")
    else:
        kind, version = getattr(value, "type", None), getattr(value, "schema_version", None)
    if kind is None or version is None:
        return None
    return f"{kind}@{version}"


AnyEvent = Annotated[
    Annotated[ConcernRaisedV1, Tag("concern.raised@1")]
    | Annotated[CaseOpenedV1, Tag("case.opened@1")]
    | Annotated[CaseConcernLinkedV1, Tag("case.concern_linked@1")]
    | Annotated[CaseStepRecordedV1, Tag("case.step_recorded@1")]
    | Annotated[DeadlineApproachingV1, Tag("deadline.approaching@1")]
    | Annotated[DeadlineBreachedV1, Tag("deadline.breached@1")]
    | Annotated[FollowUpDueV1, Tag("follow_up.due@1")]
    | Annotated[StudentNoticeDueV1, Tag("student_notice.due@1")]
    | Annotated[CasePurgedV1, Tag("case.purged@1")]
    | Annotated[NotificationSentV1, Tag("notification.sent@1")]
    | Annotated[NotificationFailedV1, Tag("notification.failed@1")],
    Discriminator(event_tag),
]
