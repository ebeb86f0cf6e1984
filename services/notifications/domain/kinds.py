"""The kinds of message: what happened, as the reader is told of it.

A kind chooses the wording (with the reason the reader is told) and, through the reader's
preferences, the channels; its value is what a preference names, so values never change.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["MessageKind"]


class MessageKind(StrEnum):
    """One per event the service acts on, and one for any case step without its own."""

    CASE_OPENED = "case.opened"
    CONCERN_LINKED = "case.concern_linked"
    GROUP_FORMED = "group_formed"
    MEETING_SCHEDULED = "meeting_scheduled"
    CONSENT_REQUESTED = "consent_requested"
    DEADLINE_APPROACHING = "deadline.approaching"
    DEADLINE_BREACHED = "deadline.breached"
    FOLLOW_UP_DUE = "follow_up.due"
    DELIVERY_FAILED = "notification.failed"
    CASE_UNASSIGNED = "case.unassigned"
    RESPONSIBLE_ASSIGNED = "responsible_assigned"
    STUDENT_TO_BE_TOLD = "student_notice.owed"  # §16.2: the responsible person's task
    STUDENT_NOTICE_DUE = "student_notice.due"  # §16.2: its day came and it is not done
    # A step whose audience must be told but that has no wording of its own: so that a new
    # case step reaches its audience with no change here.
    CASE_STEP = "case_step"
