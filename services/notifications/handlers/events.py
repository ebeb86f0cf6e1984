"""Case events in, notifications out: the inbox at once, other channels via the dispatcher."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from services.notifications.adapters.deliveries import Deliveries
from services.notifications.adapters.directory import Directory
from services.notifications.adapters.inbox import Inbox
from services.notifications.domain.messages import MessageFacts, Topic, render
from services.notifications.domain.notification import plan_notifications
from services.notifications.domain.recipients import (
    Channel,
    Reason,
    Recipient,
    case_opened_recipients,
)
from services.notifications.handlers.outcomes import SERVICE, delivery_sent
from shared.contracts import (
    CaseConcernLinkedV1,
    CaseOpenedV1,
    EventEnvelope,
    Urgency,
    utc_now,
)
from shared.logging import get_logger
from shared.unit_of_work import UnitOfWork

__all__ = ["SERVICE", "Notifier", "on_case_opened", "on_concern_linked"]

log = get_logger(__name__)


@dataclass(frozen=True)
class Notifier:
    directory: Directory
    inbox: Inbox
    deliveries: Deliveries
    app_base_url: str


async def on_case_opened(event: CaseOpenedV1, unit: UnitOfWork, deps: Notifier) -> None:
    case = event.data
    school_staff = await deps.directory.staff_at(case.school_id, unit.session)
    guardians = (
        await deps.directory.guardians_of(case.student_ref, unit.session)
        if case.guardian_may_be_notified
        else []
    )
    recipients = case_opened_recipients(
        responsible_id=case.responsible.staff_id if case.responsible else None,
        notify_roles=case.notify_roles,
        school_staff=school_staff,
        guardians=guardians,
        guardian_may_be_notified=case.guardian_may_be_notified,
    )
    await _notify(
        event, Topic.CASE_OPENED, recipients, case.case_id, case.discussion_due_on,
        case.urgency, unit, deps,
    )  # fmt: skip


async def on_concern_linked(event: CaseConcernLinkedV1, unit: UnitOfWork, deps: Notifier) -> None:
    case = event.data
    responsible = (
        await deps.directory.staff_member(case.responsible.staff_id, unit.session)
        if case.responsible
        else None
    )
    recipients = [Recipient(responsible, Reason.RESPONSIBLE)] if responsible else []
    await _notify(
        event, Topic.CONCERN_LINKED, recipients, case.case_id, case.discussion_due_on,
        case.urgency, unit, deps,
    )  # fmt: skip


async def _notify(
    event: EventEnvelope,
    topic: Topic,
    recipients: list[Recipient],
    case_id: UUID,
    due_on: date,
    urgency: Urgency,
    unit: UnitOfWork,
    deps: Notifier,
) -> None:
    facts = MessageFacts(
        case_link=f"{deps.app_base_url}/cases/{case_id}",
        family_link=f"{deps.app_base_url}/family",
        due_on=due_on,
        urgent=urgency is Urgency.URGENT,
    )
    notifications = plan_notifications(
        event_id=event.event_id,
        case_id=case_id,
        recipients=recipients,
        message_for=lambda r: render(topic, r.reason, r.contact.language, facts),
        urgent=urgency is Urgency.URGENT,
        now=utc_now(),
    )
    for notification in notifications:
        delivered_now = notification.channel is Channel.INBOX
        if delivered_now:
            await deps.inbox.put(notification, unit.session)
            unit.emit(
                delivery_sent(
                    cause=event,
                    notification_id=notification.notification_id,
                    case_id=case_id,
                    person_id=notification.recipient.contact.person_id,
                    kind=notification.recipient.contact.kind,
                    channel=notification.channel,
                    at=notification.created_at,
                )
            )
        await deps.deliveries.record(
            notification, event.as_cause(), unit.session, sent=delivered_now
        )
    log.info("notifications_planned", case_id=str(case_id), count=len(notifications))
