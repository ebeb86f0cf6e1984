"""The student's, a guardian's and another person's requests taken up (§15.1-2), with no
servers: each goes to the profession asked for, whatever its categories would call for,
with the §15 clock from the request day; the record names who asked."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from services.welfare_group.domain.record_content import CaseOpened, ConcernLinked
from services.welfare_group.domain.routing import Roster
from services.welfare_group.service_layer.concerns import take_up_concern
from shared.consumer import Unprocessable
from shared.contracts import (
    CaseConcernLinkedV1,
    CaseOpenedV1,
    RequestedBy,
    Role,
    StaffMember,
)
from tests.factories import concern_raised, discussion_requested
from tests.fakes.welfare_group import KALLIO, FakeWelfareGroup

HELSINKI = ZoneInfo("Europe/Helsinki")
KAISA = StaffMember("kuraattori-kaisa", Role.KURAATTORI)
ELIAS = StaffMember("psychologist-elias", Role.PSYCHOLOGIST)
# Wednesday 2 December 2026: the 7th school working day after it is Friday 11 December.
REQUEST_DAY = datetime.fromisoformat("2026-12-02T14:00:00+02:00")


@pytest.fixture
def group() -> FakeWelfareGroup:
    return FakeWelfareGroup([KALLIO])


async def test_a_students_request_goes_to_the_kuraattori_asked_for_not_to_the_categories(
    group: FakeWelfareGroup,
) -> None:
    # Mental health alone would go to the psychologist; the student asked for the kuraattori.
    event = discussion_requested(categories=["mental_health"], raised_at=REQUEST_DAY)
    case = await group.transact(lambda unit: take_up_concern(event, unit, HELSINKI))
    assert case.responsible == KAISA
    assert str(case.discussion_due_on) == "2026-12-11"  # from the request day (§15)
    (opened,) = group.published
    assert isinstance(opened, CaseOpenedV1)
    assert opened.data.referred_to is Role.KURAATTORI  # what the student is shown
    assert opened.data.notify_roles == [Role.KURAATTORI]  # not the psychologist, nor the nurse
    (entry,) = case.record.entries
    assert isinstance(entry.content, CaseOpened)
    assert entry.content.requested_by is RequestedBy.STUDENT
    assert entry.content.requester_ref == "student-0001"
    assert entry.content.raised_by is None
    assert entry.author == KAISA  # entered by the professional who takes it up


async def test_a_guardians_request_for_the_psychologist_goes_to_the_psychologist(
    group: FakeWelfareGroup,
) -> None:
    event = discussion_requested(by="guardian", discussion_with="psychologist")
    case = await group.transact(lambda unit: take_up_concern(event, unit, HELSINKI))
    assert case.responsible == ELIAS
    (entry,) = case.record.entries
    assert isinstance(entry.content, CaseOpened)
    assert entry.content.requester_ref == "guardian-0001"


async def test_either_goes_to_the_less_loaded_of_the_psychologist_and_the_kuraattori(
    group: FakeWelfareGroup,
) -> None:
    busy = concern_raised("student-0009", categories=["family_situation"])
    await group.transact(lambda unit: take_up_concern(busy, unit, HELSINKI))  # to Kaisa
    event = discussion_requested(discussion_with="either", categories=["other"])
    case = await group.transact(lambda unit: take_up_concern(event, unit, HELSINKI))
    assert case.responsible == ELIAS
    opened = group.published[-1]
    assert isinstance(opened, CaseOpenedV1)
    assert opened.data.referred_to is Role.PSYCHOLOGIST


async def test_a_contact_naming_the_kuraattori_goes_to_her_and_names_its_recorder(
    group: FakeWelfareGroup,
) -> None:
    nurse = StaffMember("nurse-aino", Role.NURSE)
    event = concern_raised(
        raised_by=nurse,
        requested_by="other",
        contact_kind="phone",
        discussion_with="kuraattori",
        categories=["physical_health"],  # the nurse's, were nothing asked
    )
    case = await group.transact(lambda unit: take_up_concern(event, unit, HELSINKI))
    assert case.responsible == KAISA
    (entry,) = case.record.entries
    assert isinstance(entry.content, CaseOpened)
    assert entry.content.requested_by is RequestedBy.OTHER
    assert entry.author == nurse


async def test_a_request_joining_an_open_case_says_the_profession_it_asked_for(
    group: FakeWelfareGroup,
) -> None:
    first = concern_raised(categories=["mental_health"])  # led by the psychologist
    await group.transact(lambda unit: take_up_concern(first, unit, HELSINKI))
    event = discussion_requested()
    case = await group.transact(lambda unit: take_up_concern(event, unit, HELSINKI))
    linked = group.published[-1]
    assert isinstance(linked, CaseConcernLinkedV1)
    assert linked.data.referred_to is Role.KURAATTORI
    entry = case.record.entries[-1]
    assert isinstance(entry.content, ConcernLinked)
    assert entry.content.requester_ref == "student-0001"
    assert entry.author == ELIAS  # the case's lead enters it


async def test_a_request_at_a_school_with_only_a_principal_waits_with_the_principal(
    group: FakeWelfareGroup,
) -> None:
    mikko = StaffMember("principal-mikko", Role.PRINCIPAL)
    group.rosters.stored["metsa-school"] = Roster("metsa-school", (mikko,))
    event = discussion_requested(school_id="metsa-school")
    case = await group.transact(lambda unit: take_up_concern(event, unit, HELSINKI))
    assert case.unassigned
    assert case.record.entries[0].author == mikko
    group.rosters.stored["empty-school"] = Roster("empty-school", ())
    nobody = discussion_requested("student-0002", school_id="empty-school")
    with pytest.raises(Unprocessable) as refused:
        await group.transact(lambda unit: take_up_concern(nobody, unit, HELSINKI))
    assert refused.value.reason == "unstaffed_school"
