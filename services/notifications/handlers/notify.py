"""Telling people: one plan per event, the inbox at once, other channels via the dispatcher.

Every handler that tells someone ends here, so the rules hold for all of them: the
notification ids derive from the event, a redelivered event plans the same notifications
and the store refuses the copies; messages are rendered from ``MessageFacts`` only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from services.notifications.adapters.case_states import CaseStates
from services.notifications.adapters.deliveries import Deliveries, PendingDelivery
from services.notifications.adapters.directory import Directory
from services.notifications.adapters.inbox import Inbox
from services.notifications.domain.messages import MessageFacts, MessageKind, render
from services.notifications.domain.notification import plan_notifications
from services.notifications.domain.recipients import Channel, Reason, Recipient
from services.notifications.domain.timing import timing
from services.notifications.handlers.outcomes import delivery_sent
from shared.contracts import Cause, EventEnvelope, utc_now
from shared.logging import get_logger
from shared.unit_of_work import UnitOfWork

__all__ = ["Notifier", "notify", "staff_recipients", "tell_the_responsible"]

log = get_logger(__name__)


@dataclass(frozen=True)
class Notifier:
    directory: Directory
    inbox: Inbox
    deliveries: Deliveries
    case_states: CaseStates
    app_base_url: str
    timezone: ZoneInfo  # meeting times are told in the schools' own time
    digest_at: time = time(16, 0)  # local time of the daily digest
    # Further concerns about a student within this long of the last message about them
    # join that message's round: the responsible person is told once per round.
    concern_round: timedelta = timedelta(hours=1)


async def notify(
    event: EventEnvelope | Cause,
    kind: MessageKind,
    recipients: list[Recipient],
    unit: UnitOfWork,
    deps: Notifier,
    *,
    case_id: UUID,
    due_on: date | None,
    urgent: bool,
    meeting_on: datetime | None = None,
    plan_id: UUID | None = None,
) -> None:
    """``plan_id`` (default: the event's id) seeds the notification ids: same plan, same ids."""
    cause = event.as_cause() if isinstance(event, EventEnvelope) else event
    now = utc_now()
    facts = MessageFacts(
        case_link=f"{deps.app_base_url}/cases/{case_id}",
        family_link=f"{deps.app_base_url}/family",
        due_on=due_on,
        urgent=urgent,
        meeting_on=_in_school_time(meeting_on, deps.timezone),
    )
    notifications = plan_notifications(
        event_id=plan_id or event.event_id,
        case_id=case_id,
        kind=kind.value,
        recipients=recipients,
        message_for=lambda r: render(kind, r.reason, r.contact.language, facts),
        urgent=urgent,
        now=now,
        timing_for=lambda r, channel: timing(
            r.contact, channel, urgent=urgent, now=now, timezone=deps.timezone,
            digest_at=deps.digest_at,
        ),
    )  # fmt: skip
    # The inbox is the one channel delivered at once, inside this transaction.
    in_the_inbox = [n for n in notifications if n.channel is Channel.INBOX]
    await deps.inbox.put(in_the_inbox, unit.transaction)
    unit.emit(
        *(
            delivery_sent(
                cause=cause,
                notification_id=notification.notification_id,
                case_id=case_id,
                person_id=notification.recipient.contact.person_id,
                kind=notification.recipient.contact.kind,
                channel=notification.channel,
                at=notification.created_at,
            )
            for notification in in_the_inbox
        )
    )
    await deps.deliveries.record(
        [(n, n.channel is Channel.INBOX) for n in notifications], cause, unit.transaction
    )
    log.info(
        "notifications_planned", case_id=str(case_id), kind=kind.value, count=len(notifications)
    )


def _in_school_time(moment: datetime | None, timezone: ZoneInfo) -> datetime | None:
    """A moment in the schools' zone; one that cannot be shown there is left out of the
    message rather than losing the message (the request models keep such moments out)."""
    try:
        return moment.astimezone(timezone) if moment else None
    except OverflowError:
        log.warning("moment_not_shown", reason="out_of_range")
        return None


async def staff_recipients(
    staff_ids: Iterable[str | None], reason: Reason, unit: UnitOfWork, deps: Notifier
) -> list[Recipient]:
    """Those of ``staff_ids`` the directory knows, each to be told for ``reason``."""
    found = []
    for staff_id in staff_ids:
        contact = (
            await deps.directory.staff_member(staff_id, unit.transaction) if staff_id else None
        )
        if contact is not None:
            found.append(Recipient(contact, reason))
    return found


async def tell_the_responsible(job: PendingDelivery, unit: UnitOfWork, deps: Notifier) -> None:
    """A message failed for good: the case's responsible person hears of it in the app."""
    state = await deps.case_states.get(job.case_id, unit.transaction)
    if state is None or state.responsible_id in (None, job.person_id):
        return
    contact = await deps.directory.staff_member(state.responsible_id, unit.transaction)
    if contact is None:
        return
    notice = Recipient(replace(contact, channels=(Channel.INBOX,)), Reason.RESPONSIBLE)
    await notify(
        job.cause, MessageKind.DELIVERY_FAILED, [notice], unit, deps,
        case_id=job.case_id, due_on=None, urgent=False, plan_id=job.notification_id,
    )  # fmt: skip
