"""A case opened or a further concern linked: the people the law and the roster name are told."""

from __future__ import annotations

from services.notifications.domain.messages import Topic
from services.notifications.domain.recipients import (
    Reason,
    case_opened_recipients,
)
from services.notifications.handlers.notify import Notifier, notify, staff_recipients
from shared.contracts import (
    CaseConcernLinkedV1,
    CaseOpenedV1,
    Urgency,
)
from shared.logging import get_logger
from shared.unit_of_work import UnitOfWork

__all__ = ["on_case_opened", "on_concern_linked"]

log = get_logger(__name__)


async def on_case_opened(event: CaseOpenedV1, unit: UnitOfWork, deps: Notifier) -> None:
    case = event.data
    await deps.case_states.update(
        case.case_id, unit.session,
        responsible_id=case.responsible.staff_id if case.responsible else None,
        guardian_may_be_notified=case.guardian_may_be_notified, status="opened",
    )  # fmt: skip
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
    await notify(
        event, Topic.CASE_OPENED, recipients, unit, deps,
        case_id=case.case_id, due_on=case.discussion_due_on, urgent=_urgent(case.urgency),
    )  # fmt: skip


async def on_concern_linked(event: CaseConcernLinkedV1, unit: UnitOfWork, deps: Notifier) -> None:
    case = event.data
    await deps.case_states.update(
        case.case_id, unit.session,
        responsible_id=case.responsible.staff_id if case.responsible else None,
    )  # fmt: skip
    lead = case.responsible.staff_id if case.responsible else None
    recipients = await staff_recipients([lead], Reason.RESPONSIBLE, unit, deps)
    await notify(
        event, Topic.CONCERN_LINKED, recipients, unit, deps,
        case_id=case.case_id, due_on=case.discussion_due_on, urgent=_urgent(case.urgency),
    )  # fmt: skip


def _urgent(urgency: Urgency) -> bool:
    return urgency is Urgency.URGENT
