"""Taking up concerns, with no servers: who leads, what is linked, what is refused."""

from __future__ import annotations

from functools import partial
from zoneinfo import ZoneInfo

import pytest

from services.welfare_group.domain.routing import Roster
from services.welfare_group.service_layer.concerns import take_up_concern
from shared.consumer import Unprocessable
from shared.contracts import (
    CaseConcernLinkedV1,
    CaseOpenedV1,
    ConcernCategory,
    Role,
    StaffMember,
    Urgency,
)
from tests.factories import concern_raised
from tests.fakes.welfare_group import KALLIO, FakeWelfareGroup

HELSINKI = ZoneInfo("Europe/Helsinki")


@pytest.fixture
def group() -> FakeWelfareGroup:
    return FakeWelfareGroup([KALLIO])


async def test_a_concern_opens_a_case_led_by_the_profession_its_categories_call_for(
    group: FakeWelfareGroup,
) -> None:
    event = concern_raised(categories=["physical_health"], urgency="urgent")
    case = await group.transact(lambda unit: take_up_concern(event, unit, HELSINKI))
    assert case.responsible == StaffMember("nurse-aino", Role.NURSE)
    (opened,) = group.published
    assert isinstance(opened, CaseOpenedV1)
    assert opened.causation_id == event.event_id
    assert opened.data.referred_to is Role.NURSE
    assert opened.data.urgency is Urgency.URGENT
    assert opened.data.guardian_may_be_notified is True
    # A nurse's matter: no psychologist or kuraattori discussion is requested, so §15
    # times nothing (this asserted a §15 deadline before issue 14).
    assert opened.data.discussion_due_on is None
    assert not group.timers.stored, "no §15 clock for the nurse"


async def test_a_concern_for_the_psychologist_starts_the_section_15_clock(
    group: FakeWelfareGroup,
) -> None:
    event = concern_raised(categories=["mental_health"], urgency="urgent")
    case = await group.transact(lambda unit: take_up_concern(event, unit, HELSINKI))
    assert case.discussion_due_on is not None
    assert case.discussion_requested_on == event.data.raised_at.astimezone(HELSINKI).date()
    assert group.timers.stored, "the §15 deadline is scheduled with the case"


async def test_a_later_concern_for_the_kuraattori_starts_the_clock_on_a_nurses_case(
    group: FakeWelfareGroup,
) -> None:
    first = concern_raised(categories=["physical_health"])
    second = concern_raised(categories=["family_situation"])
    opened = await group.transact(lambda unit: take_up_concern(first, unit, HELSINKI))
    assert opened.discussion_due_on is None
    linked = await group.transact(lambda unit: take_up_concern(second, unit, HELSINKI))
    assert linked.discussion_due_on is not None
    event = group.published[-1]
    assert isinstance(event, CaseConcernLinkedV1)
    assert event.data.discussion_due_on == linked.discussion_due_on
    assert group.timers.stored


async def test_a_second_concern_joins_the_open_case_and_says_what_it_calls_for(
    group: FakeWelfareGroup,
) -> None:
    first = concern_raised(categories=["mental_health"])
    second = concern_raised(categories=["physical_health"])
    opened = await group.transact(lambda unit: take_up_concern(first, unit, HELSINKI))
    linked = await group.transact(lambda unit: take_up_concern(second, unit, HELSINKI))
    assert linked.case_id == opened.case_id
    assert len(linked.concern_ids) == 2
    event = group.published[-1]
    assert isinstance(event, CaseConcernLinkedV1)
    # The raiser of the second concern is shown what their own concern calls for.
    assert event.data.referred_to is Role.NURSE
    assert event.data.responsible == StaffMember("psychologist-elias", Role.PSYCHOLOGIST)


async def test_the_least_loaded_of_the_profession_leads(group: FakeWelfareGroup) -> None:
    second_psychologist = StaffMember("psychologist-pia", Role.PSYCHOLOGIST)
    group.rosters.stored["kallio-school"] = Roster(
        "kallio-school", (*KALLIO.members, second_psychologist)
    )
    leads = []
    for student in ("student-0001", "student-0002"):
        event = concern_raised(student, categories=[ConcernCategory.MENTAL_HEALTH])
        case = await group.transact(partial(take_up_concern, event, timezone=HELSINKI))
        assert case.responsible is not None
        leads.append(case.responsible.staff_id)
    assert sorted(leads) == ["psychologist-elias", "psychologist-pia"]


async def test_a_concern_at_another_school_never_joins_this_schools_case(
    group: FakeWelfareGroup,
) -> None:
    group.rosters.stored["toolo-school"] = Roster(
        "toolo-school", (StaffMember("kuraattori-kalle", Role.KURAATTORI),)
    )
    here = concern_raised()
    there = concern_raised(school_id="toolo-school")
    first = await group.transact(lambda unit: take_up_concern(here, unit, HELSINKI))
    other = await group.transact(lambda unit: take_up_concern(there, unit, HELSINKI))
    assert other.case_id != first.case_id
    assert other.school_id == "toolo-school"


async def test_an_unknown_school_is_refused_and_nothing_is_kept(group: FakeWelfareGroup) -> None:
    event = concern_raised(school_id="nowhere-school")
    with pytest.raises(Unprocessable) as refused:
        await group.transact(lambda unit: take_up_concern(event, unit, HELSINKI))
    assert refused.value.reason == "unknown_school"
    assert group.cases.stored == {}
    assert group.published == []


async def test_a_school_with_no_welfare_staff_gets_an_unassigned_case(
    group: FakeWelfareGroup,
) -> None:
    group.rosters.stored["metsa-school"] = Roster(
        "metsa-school", (StaffMember("principal-mikko", Role.PRINCIPAL),)
    )
    event = concern_raised(school_id="metsa-school")
    case = await group.transact(lambda unit: take_up_concern(event, unit, HELSINKI))
    assert case.unassigned
    assert await group.cases.unassigned_at("metsa-school") == [case.case_id]


async def test_a_hold_request_keeps_the_guardian_untold(group: FakeWelfareGroup) -> None:
    event = concern_raised(guardian_must_not_be_told_yet=True)
    await group.transact(lambda unit: take_up_concern(event, unit, HELSINKI))
    (opened,) = group.published
    assert isinstance(opened, CaseOpenedV1)
    assert opened.data.guardian_may_be_notified is False
