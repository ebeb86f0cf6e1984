"""Telling people: one plan per event, the inbox at once, other channels via the dispatcher.

Every use case that tells someone ends here, so the rules hold for all of them: the
notification ids derive from the event, a redelivered event plans the same notifications
and the store refuses the copies; messages are rendered from ``MessageFacts`` only; when
each one leaves (now, after quiet hours, in the digest) is decided as it is planned.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from services.notifications.domain.messages import MessageFacts, MessageKind, render
from services.notifications.domain.notification import plan_notifications
from services.notifications.domain.recipients import Channel, Reason, Recipient
from services.notifications.domain.timing import timing
from services.notifications.service_layer.outcomes import delivery_sent
from services.notifications.service_layer.unit_of_work import (
    DirectoryRepository,
    NotificationsUnit,
)
from shared.contracts import Cause, EventEnvelope, utc_now
from shared.logging import get_logger

__all__ = ["Planning", "staff_recipients", "tell"]

log = get_logger(__name__)


@dataclass(frozen=True)
class Planning:
    """What every plan needs besides its event: where links point, the schools' clock."""

    app_base_url: str
    timezone: ZoneInfo  # meeting times are told in the schools' own time
    digest_at: time = time(16, 0)  # local time of the daily digest
    # Further concerns about a student within this long of the last message about them
    # join that message's round: the responsible person is told once per round.
    concern_round: timedelta = timedelta(hours=1)


async def tell(
    event: EventEnvelope | Cause,
    kind: MessageKind,
    recipients: list[Recipient],
    unit: NotificationsUnit,
    planning: Planning,
    *,
    case_id: UUID,
    school_id: str | None,
    due_on: date | None,
    urgent: bool,
    meeting_on: datetime | None = None,
    plan_id: UUID | None = None,
) -> None:
    """``plan_id`` (default: the event's id) seeds the notification ids: same plan, same ids."""
    cause = event.as_cause() if isinstance(event, EventEnvelope) else event
    now = utc_now()
    facts = MessageFacts(
        case_link=f"{planning.app_base_url}/cases/{case_id}",
        family_link=f"{planning.app_base_url}/family",
        due_on=due_on,
        urgent=urgent,
        meeting_on=_in_school_time(meeting_on, planning.timezone),
    )
    notifications = plan_notifications(
        event_id=plan_id or event.event_id,
        case_id=case_id,
        kind=kind.value,
        recipients=recipients,
        message_for=lambda r: render(kind, r.reason, r.contact.language, facts),
        urgent=urgent,
        now=now,
        school_id=school_id,
        timing_for=lambda r, channel: timing(
            r.contact, channel, urgent=urgent, now=now, timezone=planning.timezone,
            digest_at=planning.digest_at,
        ),
    )  # fmt: skip
    # The inbox is the one channel delivered at once, inside this transaction.
    in_the_inbox = [n for n in notifications if n.channel is Channel.INBOX]
    await unit.inbox.put(in_the_inbox)
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
                school_id=school_id,
            )
            for notification in in_the_inbox
        )
    )
    await unit.deliveries.record([(n, n.channel is Channel.INBOX) for n in notifications], cause)
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
    staff_ids: Iterable[str | None], reason: Reason, directory: DirectoryRepository
) -> list[Recipient]:
    """Those of ``staff_ids`` the directory knows, each to be told for ``reason``."""
    found = []
    for staff_id in staff_ids:
        contact = await directory.staff_member(staff_id) if staff_id else None
        if contact is not None:
            found.append(Recipient(contact, reason))
    return found
