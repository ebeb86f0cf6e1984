"""A case opened or a further concern linked: the people the law and the roster name are told.

A case nobody could be named to lead is an escalation, at once and urgent, to the school's
principal and the education provider's welfare administrator. Concerns that keep coming
about one student (from several people, within ``Notifier.concern_round``) join one round:
its lead is told once, unless a concern brings the deadline forward.
"""

from __future__ import annotations

from uuid import NAMESPACE_URL, uuid5

from services.notifications.adapters.case_states import CaseStates
from services.notifications.domain.messages import MessageKind
from services.notifications.domain.recipients import (
    Reason,
    Recipient,
    case_opened_recipients,
)
from services.notifications.handlers.notify import Notifier, notify, staff_recipients
from shared.contracts import CaseConcernLinkedV1, CaseOpenedV1, Role, Urgency
from shared.logging import get_logger
from shared.unit_of_work import UnitOfWork

__all__ = ["on_case_opened", "on_concern_linked"]

log = get_logger(__name__)
_ESCALATION = uuid5(NAMESPACE_URL, "urn:opiskeluhuolto:notification-plan:unassigned")


async def on_case_opened(event: CaseOpenedV1, unit: UnitOfWork, deps: Notifier) -> None:
    case = event.data
    await deps.case_states.update(
        case.case_id, unit.transaction,
        responsible_id=case.responsible.staff_id if case.responsible else None,
        guardian_may_be_notified=case.guardian_may_be_notified, status="opened",
        **CaseStates.new_round(
            until=event.occurred_at + deps.concern_round, due_on=case.discussion_due_on
        ),
    )  # fmt: skip
    school_staff = await deps.directory.staff_at(case.school_id, unit.transaction)
    guardians = (
        await deps.directory.guardians_of(case.student_ref, unit.transaction)
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
        event, MessageKind.CASE_OPENED, recipients, unit, deps,
        case_id=case.case_id, due_on=case.discussion_due_on, urgent=_urgent(case.urgency),
    )  # fmt: skip
    if case.responsible is None:
        principals = [
            Recipient(c, Reason.PRINCIPAL) for c in school_staff if c.role is Role.PRINCIPAL
        ]
        administrators = [
            Recipient(c, Reason.WELFARE_ADMINISTRATOR)
            for c in await deps.directory.welfare_administrators(unit.transaction)
        ]
        log.warning("case_unassigned_escalated", case_id=str(case.case_id))
        await notify(
            event, MessageKind.CASE_UNASSIGNED, [*principals, *administrators], unit, deps,
            case_id=case.case_id, due_on=case.discussion_due_on, urgent=True,
            plan_id=uuid5(_ESCALATION, str(event.event_id)),
        )  # fmt: skip


async def on_concern_linked(event: CaseConcernLinkedV1, unit: UnitOfWork, deps: Notifier) -> None:
    case = event.data
    state = await deps.case_states.get(case.case_id, unit.transaction)
    in_round = state is not None and state.in_round(event.occurred_at, case.discussion_due_on)
    round_ = CaseStates.new_round(
        until=event.occurred_at + deps.concern_round, due_on=case.discussion_due_on
    )
    await deps.case_states.update(
        case.case_id, unit.transaction,
        responsible_id=case.responsible.staff_id if case.responsible else None,
        **({} if in_round else round_),
    )  # fmt: skip
    if in_round:
        log.info("concern_joined_round", case_id=str(case.case_id))
        return
    lead = case.responsible.staff_id if case.responsible else None
    recipients = await staff_recipients([lead], Reason.RESPONSIBLE, unit, deps)
    await notify(
        event, MessageKind.CONCERN_LINKED, recipients, unit, deps,
        case_id=case.case_id, due_on=case.discussion_due_on, urgent=_urgent(case.urgency),
    )  # fmt: skip


def _urgent(urgency: Urgency) -> bool:
    return urgency is Urgency.URGENT
