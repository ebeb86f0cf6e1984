"""Majority through the service layer: the student register's date of birth decides, at
each concern and step, whether a guardian has any part (§14, §18); the events say only the
derived fact, as ``guardian_may_be_notified``."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from services.welfare_group.domain.consent import Consenter
from services.welfare_group.domain.record_content import ConsentRequested
from services.welfare_group.domain.rules import RuleViolation
from services.welfare_group.service_layer.concerns import take_up_concern
from services.welfare_group.service_layer.steps import CASE_STEPS
from services.welfare_group.service_layer.taking_steps import take_step
from shared.contracts import CaseOpenedV1, CaseStepRecordedV1, Role, StaffMember
from tests.factories import concern_raised
from tests.fakes.welfare_group import KALLIO, FakeWelfareGroup

HELSINKI = ZoneInfo("Europe/Helsinki")
ELIAS = StaffMember("psychologist-elias", Role.PSYCHOLOGIST)
STEPS = {step.path: step for step in CASE_STEPS}


def turned_18_today() -> date:
    today = date.today()
    return today.replace(year=today.year - 18, day=min(today.day, 28))


async def opened(group: FakeWelfareGroup, *, hold: bool = False) -> CaseOpenedV1:
    event = concern_raised(guardian_must_not_be_told_yet=hold)
    await group.transact(lambda unit: take_up_concern(event, unit, HELSINKI))
    (announced,) = [e for e in group.published if isinstance(e, CaseOpenedV1)]
    return announced


async def take(
    group: FakeWelfareGroup, opened: CaseOpenedV1, path: str, body: dict[str, object]
) -> list[CaseStepRecordedV1]:
    declared = STEPS[path]
    request = declared.request.model_validate(body)
    before = len(group.published)
    await group.transact(
        lambda unit: take_step(
            declared, request, case_id=opened.data.case_id, by=ELIAS, unit=unit, timezone=HELSINKI
        )
    )
    return [e for e in group.published[before:] if isinstance(e, CaseStepRecordedV1)]


async def test_an_adult_students_case_opens_without_a_guardian_even_if_a_hold_was_asked() -> None:
    group = FakeWelfareGroup([KALLIO])
    await group.students.born("student-0001", turned_18_today())
    announced = await opened(group, hold=True)
    assert announced.data.guardian_may_be_notified is False
    case = await group.cases.get(announced.data.case_id)
    assert case is not None
    assert case.student_of_age
    assert case.guardian_notice_hold is None


async def test_a_minor_in_the_register_keeps_the_guardian_rules_of_today() -> None:
    group = FakeWelfareGroup([KALLIO])
    await group.students.born("student-0001", date(2012, 3, 14))
    assert (await opened(group)).data.guardian_may_be_notified is True


async def test_a_student_who_turns_18_mid_case_has_no_guardian_from_the_next_step() -> None:
    group = FakeWelfareGroup([KALLIO])
    announced = await opened(group)  # not yet in the register: a minor, as before
    assert announced.data.guardian_may_be_notified is True
    await group.students.born("student-0001", turned_18_today())
    (heard,) = await take(group, announced, "student-views", {"views": "v", "wishes": "w"})
    assert heard.data.guardian_may_be_notified is False
    with pytest.raises(RuleViolation) as refused:
        await take(group, announced, "consent-requests", {"from": "guardian", "purpose": "g"})
    assert refused.value.rule == "§14"
    (asked,) = await take(
        group, announced, "consent-requests", {"from": "representative", "purpose": "group"}
    )
    assert asked.data.consent_asked_of is None  # nobody in the directory to tell
    case = await group.cases.get(announced.data.case_id)
    assert case is not None
    assert case.consents == ()
    assert case.student_of_age
    asked_of = case.record.entries[-1].content
    assert isinstance(asked_of, ConsentRequested)
    assert asked_of.from_ is Consenter.REPRESENTATIVE
