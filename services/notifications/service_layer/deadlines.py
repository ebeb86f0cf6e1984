"""The welfare group's clock: reminders to the responsible person, escalation to the
principal and to the wellbeing services county's service supervisor of the school (the
psychologists and kuraattori are the county's: their supervisor must hear of a §15 breach).

Each timer fires one event, and the notification ids derive from it, so each reminder
reaches each person once. A breach is urgent whatever the case was: it is already late.
"""

from __future__ import annotations

from services.notifications.domain.messages import MessageKind
from services.notifications.domain.recipients import Reason, Recipient, each_once
from services.notifications.service_layer.telling import Planning, staff_recipients, tell
from services.notifications.service_layer.unit_of_work import NotificationsUnit
from shared.contracts import (
    DeadlineApproachingV1,
    DeadlineBreachedV1,
    FollowUpDueV1,
    Role,
    StudentNoticeDueV1,
    TimerFacts,
    Urgency,
)

__all__ = ["deadline_approaching", "deadline_breached", "follow_up_due", "student_notice_due"]


async def _responsible(facts: TimerFacts, unit: NotificationsUnit) -> list[Recipient]:
    lead = facts.responsible.staff_id if facts.responsible else None
    return await staff_recipients([lead], Reason.RESPONSIBLE, unit.directory)


async def deadline_approaching(
    event: DeadlineApproachingV1, unit: NotificationsUnit, planning: Planning
) -> None:
    facts = event.data
    await tell(
        event, MessageKind.DEADLINE_APPROACHING, await _responsible(facts, unit), unit, planning,
        case_id=facts.case_id, school_id=facts.school_id,
        due_on=facts.due_on, urgent=facts.urgency is Urgency.URGENT,
    )  # fmt: skip


async def deadline_breached(
    event: DeadlineBreachedV1, unit: NotificationsUnit, planning: Planning
) -> None:
    facts = event.data
    staff = await unit.directory.staff_at(facts.school_id)
    principals = [Recipient(c, Reason.PRINCIPAL) for c in staff if c.role is Role.PRINCIPAL]
    supervisors = [
        Recipient(c, Reason.SERVICE_SUPERVISOR)
        for c in await unit.directory.service_supervisors_of(facts.school_id)
    ]
    recipients = each_once(await _responsible(facts, unit), principals, supervisors)
    await tell(
        event, MessageKind.DEADLINE_BREACHED, recipients, unit, planning,
        case_id=facts.case_id, school_id=facts.school_id, due_on=facts.due_on, urgent=True,
    )  # fmt: skip


async def follow_up_due(event: FollowUpDueV1, unit: NotificationsUnit, planning: Planning) -> None:
    facts = event.data
    owners = await staff_recipients(facts.followed_up_by, Reason.FOLLOW_UP_OWNER, unit.directory)
    await tell(
        event, MessageKind.FOLLOW_UP_DUE, each_once(await _responsible(facts, unit), owners),
        unit, planning, case_id=facts.case_id, school_id=facts.school_id,
        due_on=facts.due_on, urgent=False,
    )  # fmt: skip


async def student_notice_due(
    event: StudentNoticeDueV1, unit: NotificationsUnit, planning: Planning
) -> None:
    """§16.2: the day to tell the student came and nobody recorded it done."""
    facts = event.data
    await tell(
        event, MessageKind.STUDENT_NOTICE_DUE, await _responsible(facts, unit), unit, planning,
        case_id=facts.case_id, school_id=facts.school_id, due_on=facts.due_on, urgent=True,
    )  # fmt: skip
