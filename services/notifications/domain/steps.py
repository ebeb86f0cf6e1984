"""How a recorded case step is told: its audience says to whom, its kind which words.

The welfare group's declaration of each step says whom it must reach (the event's
``audience``); nothing here names a step to decide who hears of it. A step kind with
words of its own is told in them; any other, a new step included, in the generic
``CASE_STEP`` message, so that a new step needs no change in this service.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import assert_never

from services.notifications.domain.kinds import MessageKind
from services.notifications.domain.recipients import Reason
from services.notifications.domain.templates import TEMPLATES
from shared.contracts import Audience, EntryKind

__all__ = ["STEP_MESSAGES", "others_involved", "reason_to_tell", "step_message"]

# The steps that have words of their own. The guardian told of a lifted hold, or of a lifted
# bar on taking part, hears what it kept from them: that the matter was taken up, as a case
# opening tells them.
STEP_MESSAGES: Mapping[EntryKind, MessageKind] = {
    EntryKind.CONSENT_REQUESTED: MessageKind.CONSENT_REQUESTED,
    EntryKind.GUARDIAN_HOLD_LIFTED: MessageKind.CASE_OPENED,
    EntryKind.GUARDIAN_HOLD_LAPSED: MessageKind.CASE_OPENED,
    EntryKind.GUARDIAN_BAR_LIFTED: MessageKind.CASE_OPENED,
    EntryKind.RESPONSIBLE_ASSIGNED: MessageKind.RESPONSIBLE_ASSIGNED,
    EntryKind.GROUP_FORMED: MessageKind.GROUP_FORMED,
    EntryKind.MEETING_SCHEDULED: MessageKind.MEETING_SCHEDULED,
}


def reason_to_tell(audience: Audience) -> Reason | None:
    """Why the audience is told (which decides the wording); None: nobody is told."""
    match audience:
        case Audience.NOBODY:
            return None
        case Audience.GROUP:
            return Reason.GROUP_MEMBER
        case Audience.NEW_LEAD | Audience.RESPONSIBLE:
            return Reason.RESPONSIBLE
        case Audience.GUARDIAN:
            return Reason.GUARDIAN
        case _ as unknown:
            assert_never(unknown)


def step_message(step: EntryKind, reason: Reason) -> MessageKind:
    """The step's own words for a reader told for ``reason``, or else the generic ones (a
    step's own words are written for its usual audience only)."""
    kind = STEP_MESSAGES.get(step)
    if kind is not None and (kind, reason) in TEMPLATES:
        return kind
    return MessageKind.CASE_STEP


def others_involved(involved: Iterable[str], taken_by: str) -> list[str]:
    """The staff a step involves, but not whoever took it: they know of it already."""
    return [staff_id for staff_id in involved if staff_id != taken_by]
