"""The welfare group's clock: reminders to the responsible person, escalation to the principal.

Each timer fires one event, and the notification ids derive from it, so each reminder
reaches each person once. A breach is urgent whatever the case was: it is already late.
"""

from __future__ import annotations

from collections.abc import Iterable

from services.notifications.domain.messages import MessageKind
from services.notifications.domain.recipients import Contact, Reason, Recipient
from services.notifications.handlers.notify import Notifier, notify, staff_recipients
from shared.contracts import (
    DeadlineApproachingV1,
    DeadlineBreachedV1,
    FollowUpDueV1,
    Role,
    TimerFacts,
    Urgency,
)
from shared.unit_of_work import UnitOfWork

__all__ = ["on_deadline_approaching", "on_deadline_breached", "on_follow_up_due"]


async def _responsible(facts: TimerFacts, unit: UnitOfWork, deps: Notifier) -> list[Recipient]:
    lead = facts.responsible.staff_id if facts.responsible else None
    return await staff_recipients([lead], Reason.RESPONSIBLE, unit, deps)


def _each_once(*groups: Iterable[Recipient]) -> list[Recipient]:
    chosen: dict[str, Recipient] = {}
    for group in groups:
        for recipient in group:
            chosen.setdefault(recipient.contact.person_id, recipient)
    return list(chosen.values())


async def on_deadline_approaching(
    event: DeadlineApproachingV1, unit: UnitOfWork, deps: Notifier
) -> None:
    facts = event.data
    await notify(
        event, MessageKind.DEADLINE_APPROACHING, await _responsible(facts, unit, deps), unit, deps,
        case_id=facts.case_id, due_on=facts.due_on, urgent=facts.urgency is Urgency.URGENT,
    )  # fmt: skip


async def on_deadline_breached(event: DeadlineBreachedV1, unit: UnitOfWork, deps: Notifier) -> None:
    facts = event.data
    staff: list[Contact] = await deps.directory.staff_at(facts.school_id, unit.transaction)
    principals = [Recipient(c, Reason.PRINCIPAL) for c in staff if c.role is Role.PRINCIPAL]
    recipients = _each_once(await _responsible(facts, unit, deps), principals)
    await notify(
        event, MessageKind.DEADLINE_BREACHED, recipients, unit, deps,
        case_id=facts.case_id, due_on=facts.due_on, urgent=True,
    )  # fmt: skip


async def on_follow_up_due(event: FollowUpDueV1, unit: UnitOfWork, deps: Notifier) -> None:
    facts = event.data
    owners = await staff_recipients(facts.followed_up_by, Reason.FOLLOW_UP_OWNER, unit, deps)
    await notify(
        event, MessageKind.FOLLOW_UP_DUE, _each_once(await _responsible(facts, unit, deps), owners),
        unit, deps, case_id=facts.case_id, due_on=facts.due_on, urgent=False,
    )  # fmt: skip
