"""A case step recorded: its audience is told, in the step's own words or the generic ones.

Whom to tell is the step's declaration's to say (the event's ``audience``); this service
only finds those people and words it for them. The guardian is told only while no §18 bar
stands, as the welfare group said when the step was taken.
"""

from __future__ import annotations

from services.notifications.domain.recipients import Reason, Recipient
from services.notifications.domain.steps import others_involved, reason_to_tell, step_message
from services.notifications.service_layer.telling import Planning, staff_recipients, tell
from services.notifications.service_layer.unit_of_work import NotificationsUnit
from shared.contracts import Audience, CaseStepRecordedData, CaseStepRecordedV1

__all__ = ["step_recorded"]


async def step_recorded(
    event: CaseStepRecordedV1, unit: NotificationsUnit, planning: Planning
) -> None:
    step = event.data
    await unit.case_states.update(
        step.case_id,
        responsible_id=step.responsible.staff_id if step.responsible else None,
        guardian_may_be_notified=step.guardian_may_be_notified,
        status=step.status,
    )
    reason = reason_to_tell(step.audience)
    if reason is None or (reason is Reason.GUARDIAN and not step.guardian_may_be_notified):
        return
    await tell(
        event, step_message(step.step, reason), await _audience(step, reason, unit), unit,
        planning, case_id=step.case_id, school_id=step.school_id,
        due_on=None, urgent=False, meeting_on=step.meeting_on,
    )  # fmt: skip


async def _audience(
    step: CaseStepRecordedData, reason: Reason, unit: NotificationsUnit
) -> list[Recipient]:
    if reason is Reason.GUARDIAN:
        return [Recipient(g, reason) for g in await unit.directory.guardians_of(step.student_ref)]
    if step.audience is Audience.RESPONSIBLE:
        # The family took the step: the entry is in the responsible person's name, and
        # they are the one who must hear of it.
        told = [step.responsible.staff_id] if step.responsible else []
    else:
        told = others_involved(step.involved, taken_by=step.recorded_by.staff_id)
    return await staff_recipients(told, reason, unit.directory)
