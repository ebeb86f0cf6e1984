"""Steps of a case that someone must act on: the family asked for consent, the group called.

Only the steps below tell anyone; the rest of the record stays in the welfare group. A
consent request reaches the guardian only when it was the guardian who was asked and no
§18 bar stands, as the welfare group said when the step was taken.
"""

from __future__ import annotations

from services.notifications.domain.messages import MessageKind
from services.notifications.domain.recipients import Reason, Recipient
from services.notifications.handlers.notify import Notifier, notify, staff_recipients
from shared.contracts import CaseStepRecordedV1, EntryKind
from shared.unit_of_work import UnitOfWork

__all__ = ["on_step_recorded"]

_TO_THE_GROUP = {
    EntryKind.GROUP_FORMED: MessageKind.GROUP_FORMED,
    EntryKind.MEETING_SCHEDULED: MessageKind.MEETING_SCHEDULED,
}


async def on_step_recorded(event: CaseStepRecordedV1, unit: UnitOfWork, deps: Notifier) -> None:
    step = event.data
    await deps.case_states.update(
        step.case_id, unit.transaction,
        responsible_id=step.responsible.staff_id if step.responsible else None,
        guardian_may_be_notified=step.guardian_may_be_notified, status=step.status,
    )  # fmt: skip
    if step.step is EntryKind.CONSENT_REQUESTED:
        if step.consent_asked_of != "guardian" or not step.guardian_may_be_notified:
            return
        guardians = await deps.directory.guardians_of(step.student_ref, unit.transaction)
        recipients = [Recipient(g, Reason.GUARDIAN) for g in guardians]
        kind = MessageKind.CONSENT_REQUESTED
    elif step.step is EntryKind.GUARDIAN_HOLD_LIFTED:
        # The guardian is told now what the hold kept from them: that the matter is taken up.
        if not step.guardian_may_be_notified:
            return
        guardians = await deps.directory.guardians_of(step.student_ref, unit.transaction)
        recipients = [Recipient(g, Reason.GUARDIAN) for g in guardians]
        kind = MessageKind.CASE_OPENED
    elif step.step is EntryKind.RESPONSIBLE_ASSIGNED:
        others = [i for i in step.involved if i != step.recorded_by.staff_id]
        recipients = await staff_recipients(others, Reason.RESPONSIBLE, unit, deps)
        kind = MessageKind.RESPONSIBLE_ASSIGNED
    elif step.step in _TO_THE_GROUP:
        kind = _TO_THE_GROUP[step.step]
        # Whoever took the step knows of it already.
        others = [i for i in step.involved if i != step.recorded_by.staff_id]
        recipients = await staff_recipients(others, Reason.GROUP_MEMBER, unit, deps)
    else:
        return
    await notify(
        event, kind, recipients, unit, deps,
        case_id=step.case_id, due_on=None, urgent=False, meeting_on=step.meeting_on,
    )  # fmt: skip
