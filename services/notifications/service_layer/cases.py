"""A case opened or a further concern linked: the people the law and the roster name are told.

A case nobody could be named to lead is an escalation, at once and urgent, to the school's
principal and the education provider's welfare administrator. Concerns that keep coming
about one student (from several people, within ``Planning.concern_round``) join one round:
its lead is told once, unless a concern brings the deadline forward.
"""

from __future__ import annotations

from uuid import NAMESPACE_URL, uuid5

from services.notifications.domain.messages import MessageKind
from services.notifications.domain.recipients import Reason, Recipient, case_opened_recipients
from services.notifications.domain.sending import Round
from services.notifications.service_layer.telling import Planning, staff_recipients, tell
from services.notifications.service_layer.unit_of_work import NotificationsUnit
from shared.contracts import CaseConcernLinkedV1, CaseOpenedV1, Role, Urgency
from shared.logging import get_logger

__all__ = ["case_opened", "concern_linked"]

log = get_logger(__name__)
_ESCALATION = uuid5(NAMESPACE_URL, "urn:opiskeluhuolto:notification-plan:unassigned")
_STUDENT_NOTICE = uuid5(NAMESPACE_URL, "urn:opiskeluhuolto:notification-plan:student-notice")


async def _student_to_be_told(
    event: CaseOpenedV1 | CaseConcernLinkedV1, unit: NotificationsUnit, planning: Planning
) -> None:
    """§16.2: the concern was raised without the student: the lead's task, with its day."""
    case = event.data
    if case.student_to_be_told_by is None or case.responsible is None:
        return  # no task; or nobody leads yet, and the escalation says so
    lead = await staff_recipients([case.responsible.staff_id], Reason.RESPONSIBLE, unit.directory)
    await tell(
        event, MessageKind.STUDENT_TO_BE_TOLD, lead, unit, planning,
        case_id=case.case_id, school_id=case.school_id,
        due_on=case.student_to_be_told_by, urgent=_urgent(case.urgency),
        plan_id=uuid5(_STUDENT_NOTICE, str(event.event_id)),
    )  # fmt: skip


async def case_opened(event: CaseOpenedV1, unit: NotificationsUnit, planning: Planning) -> None:
    case = event.data
    lead = case.responsible.staff_id if case.responsible else None
    await unit.case_states.update(
        case.case_id, responsible_id=lead,
        guardian_may_be_notified=case.guardian_may_be_notified, status="opened",
        new_round=Round.starting(event.occurred_at, planning.concern_round, case.discussion_due_on),
    )  # fmt: skip
    school_staff = await unit.directory.staff_at(case.school_id)
    guardians = (
        await unit.directory.guardians_of(case.student_ref) if case.guardian_may_be_notified else []
    )
    recipients = case_opened_recipients(
        responsible_id=lead,
        notify_roles=case.notify_roles,
        school_staff=school_staff,
        guardians=guardians,
        guardian_may_be_notified=case.guardian_may_be_notified,
    )
    await tell(
        event, MessageKind.CASE_OPENED, recipients, unit, planning,
        case_id=case.case_id, school_id=case.school_id,
        due_on=case.discussion_due_on, urgent=_urgent(case.urgency),
    )  # fmt: skip
    await _student_to_be_told(event, unit, planning)
    if case.responsible is None:
        principals = [
            Recipient(c, Reason.PRINCIPAL) for c in school_staff if c.role is Role.PRINCIPAL
        ]
        administrators = [
            Recipient(c, Reason.WELFARE_ADMINISTRATOR)
            for c in await unit.directory.welfare_administrators()
        ]
        log.warning("case_unassigned_escalated", case_id=str(case.case_id))
        await tell(
            event, MessageKind.CASE_UNASSIGNED, [*principals, *administrators], unit, planning,
            case_id=case.case_id, school_id=case.school_id,
            due_on=case.discussion_due_on, urgent=True,
            plan_id=uuid5(_ESCALATION, str(event.event_id)),
        )  # fmt: skip


async def concern_linked(
    event: CaseConcernLinkedV1, unit: NotificationsUnit, planning: Planning
) -> None:
    case = event.data
    await _student_to_be_told(event, unit, planning)  # the task is news in any round
    state = await unit.case_states.get(case.case_id)
    in_round = state is not None and state.in_round(event.occurred_at, case.discussion_due_on)
    lead = case.responsible.staff_id if case.responsible else None
    await unit.case_states.update(
        case.case_id, responsible_id=lead,
        new_round=None if in_round else Round.starting(
            event.occurred_at, planning.concern_round, case.discussion_due_on
        ),
    )  # fmt: skip
    if in_round:
        log.info("concern_joined_round", case_id=str(case.case_id))
        return
    recipients = await staff_recipients([lead], Reason.RESPONSIBLE, unit.directory)
    await tell(
        event, MessageKind.CONCERN_LINKED, recipients, unit, planning,
        case_id=case.case_id, school_id=case.school_id,
        due_on=case.discussion_due_on, urgent=_urgent(case.urgency),
    )  # fmt: skip


def _urgent(urgency: Urgency) -> bool:
    return urgency is Urgency.URGENT
