"""Whether a message planned earlier may still go out now.

Recipients are decided when the event arrives, but email and SMS go out later (retries,
quiet hours, a digest). What the family may be told and who may still act can change in
between: a §18 bar on the guardian, a withdrawn consent, a case closed. So the rule is
applied again at the moment of sending, against what the case is now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from services.notifications.domain.recipients import Reason, RecipientKind

__all__ = ["CaseState", "Round", "withheld_because"]


@dataclass(frozen=True)
class Round:
    """A round of messages about a case's concerns: until when further concerns join it
    silently, and the deadline its message gave (an earlier one is news, and so is the
    first one of a case that had none: a §15 discussion now requested)."""

    until: datetime
    due_on: date | None

    @classmethod
    def starting(cls, at: datetime, length: timedelta, due_on: date | None) -> Round:
        return cls(until=at + length, due_on=due_on)


@dataclass(frozen=True)
class CaseState:
    """What this service knows of a case, kept current from the case events."""

    responsible_id: str | None
    guardian_may_be_notified: bool
    status: str
    round: Round | None = None  # the current round of messages, if one was started

    def in_round(self, at: datetime, due_on: date | None) -> bool:
        """Whether a concern arriving ``at`` with deadline ``due_on`` joins the round."""
        if self.round is None or at >= self.round.until:
            return False
        before = self.round.due_on
        return due_on is None or (before is not None and due_on >= before)

    @property
    def consent_withdrawn(self) -> bool:
        return self.status == "consent_withdrawn"


def withheld_because(kind: RecipientKind, reason: Reason, state: CaseState | None) -> str | None:
    """None if the message may go now; otherwise the reason it is withheld, for the record."""
    if state is None:
        return None
    if kind is RecipientKind.GUARDIAN and not state.guardian_may_be_notified:
        return "guardian_barred"  # §18: from the moment of the bar, the family is told nothing
    if reason is Reason.GROUP_MEMBER and state.consent_withdrawn:
        return "consent_withdrawn"  # §14: without consent the group does not meet
    return None
