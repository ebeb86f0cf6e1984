"""The step events carry their anonymous figures, worked out on the school's own calendar
in the step's own transaction: the statistics read them without ever reading a case."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from services.welfare_group.domain.calendar import Break, SchoolCalendar
from services.welfare_group.service_layer.concerns import take_up_concern
from services.welfare_group.service_layer.steps import CASE_STEPS
from services.welfare_group.service_layer.taking_steps import take_step
from shared.contracts import (
    CaseStepRecordedV1,
    EntryKind,
    MeasureKind,
    Role,
    StaffMember,
    StepFigures,
    utc_now,
)
from tests.factories import CONSENTED_GROUP_STEPS, concern_raised, day_ahead
from tests.fakes.welfare_group import KALLIO, FakeWelfareGroup

HELSINKI = ZoneInfo("Europe/Helsinki")
ELIAS = StaffMember("psychologist-elias", Role.PSYCHOLOGIST)
STEPS = {step.path: step for step in CASE_STEPS}


async def test_each_step_that_closes_a_figure_announces_it_and_the_others_none() -> None:
    group = FakeWelfareGroup([KALLIO])
    today = utc_now().astimezone(HELSINKI).date()
    requested_on = today - timedelta(days=14)
    # The school was on a break from the day after the request until yesterday: only its
    # own calendar says the wait was at most one school day, and within §15's limit.
    autumn = Break("autumn break", requested_on + timedelta(days=1), today - timedelta(days=1))
    group.calendars.breaks[KALLIO.school_id] = [autumn]
    raised_at = utc_now() - timedelta(days=14)
    event = concern_raised(raised_at=raised_at)
    case = await group.transact(lambda unit: take_up_concern(event, unit, HELSINKI))

    async def step(path: str, body: dict[str, Any]) -> list[CaseStepRecordedV1]:
        request = STEPS[path].request.model_validate(body)
        before = len(group.published)
        await group.transact(
            lambda unit: take_step(
                STEPS[path], request, case_id=case.case_id, by=ELIAS, unit=unit, timezone=HELSINKI
            )
        )
        return [e for e in group.published[before:] if isinstance(e, CaseStepRecordedV1)]

    (offered,) = await step("discussion-offers", {"offered_on": today.isoformat()})
    waited = SchoolCalendar([autumn]).school_days_between(requested_on, today)
    assert waited <= 1
    assert offered.data.figures == StepFigures(school_days_to_discussion=waited, within_limit=True)

    told: list[CaseStepRecordedV1] = []
    for path, body in CONSENTED_GROUP_STEPS:
        told += await step(path, body)
    figures = {e.data.step: e.data.figures for e in told}
    assert figures[EntryKind.CONSENT_DECISION] == StepFigures(consent_given=True)
    assert figures[EntryKind.CONSENT_REQUESTED] is None
    assert figures[EntryKind.GROUP_FORMED] is None

    measure = {"kind": "health_care", "description": "check-ups", "review_on": day_ahead(30),
               "carried_out_by": "nurse-aino", "followed_up_by": ELIAS.staff_id}  # fmt: skip
    (agreed,) = await step("measures", {"measures": [measure]})
    assert agreed.data.figures == StepFigures(measure_kinds=[MeasureKind.HEALTH_CARE])
    (closed,) = await step("closure", {"reason": "goals met"})
    opened_on = case.opened_at.astimezone(HELSINKI).date()  # today, unless run at midnight
    assert closed.data.figures == StepFigures(days_open=(today - opened_on).days)
