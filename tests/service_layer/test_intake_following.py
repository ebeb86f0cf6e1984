"""After a concern is raised, through intake's fakes: the welfare group takes it up, the
raiser follows its status (and nothing more), the guardian's visibility follows the case
(§18), and an erased case takes its concerns with it."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any
from uuid import UUID

import pytest

from services.intake.domain import Concern, ConcernStatus
from services.intake.service_layer.follow_case import (
    case_purged,
    case_step_recorded,
    concern_taken_up,
)
from services.intake.service_layer.follow_concern import (
    ConcernStatusView,
    NotTheRaiser,
    family_refusal,
    follow_concern,
)
from services.intake.service_layer.raise_concern import RaiseConcern, raise_concern
from shared.contracts import (
    CaseConcernLinkedData,
    CaseConcernLinkedV1,
    CasePurgedData,
    CasePurgedV1,
    Role,
    StaffMember,
    utc_now,
)
from tests.factories import case_opened, raise_concern_request, step_recorded
from tests.fakes.intake import FakeIntake

TIINA = StaffMember("teacher-tiina", Role.TEACHER)
NURSE = StaffMember("nurse-aino", Role.NURSE)


async def raised(intake: FakeIntake, **overrides: Any) -> Concern:
    request = RaiseConcern.model_validate(raise_concern_request(**overrides))
    return await intake.transact(
        lambda unit: raise_concern(request, TIINA, {"kallio-school"}, unit)
    )


async def status_of(intake: FakeIntake, concern: Concern, follower: str) -> ConcernStatusView:
    followed = await intake.transact(
        lambda unit: follow_concern(concern.concern_id, follower, unit, role=Role.TEACHER)
    )
    return ConcernStatusView.of(followed)


def concern_linked(concern_id: UUID, case_id: UUID) -> CaseConcernLinkedV1:
    data = CaseConcernLinkedData(
        case_id=case_id,
        concern_id=concern_id,
        student_ref="student-0001",
        school_id="kallio-school",
        categories=["learning"],
        urgency="routine",
        responsible=StaffMember("psychologist-elias", Role.PSYCHOLOGIST),
        discussion_due_on=date(2026, 12, 2),
        referred_to=Role.SPECIAL_NEEDS_TEACHER,
    )
    return CaseConcernLinkedV1.first(
        producer="welfare_group", partition_key="student-0001", data=data
    )


def purged(case_id: UUID, *concern_ids: UUID) -> CasePurgedV1:
    data = CasePurgedData(
        case_id=case_id,
        concern_ids=list(concern_ids),
        retention="closed_case",
        closed_at=utc_now(),
        purged_at=utc_now(),
    )
    return CasePurgedV1.first(producer="welfare_group", partition_key="student-0001", data=data)


async def test_a_received_concern_shows_the_raiser_received_and_nothing_else() -> None:
    intake = FakeIntake()
    concern = await raised(intake)
    view = await status_of(intake, concern, "teacher-tiina")

    assert view.status is ConcernStatus.RECEIVED
    assert view.handled_by_role is None
    assert view.handed_over_at is None
    assert [change.status for change in view.history] == [ConcernStatus.RECEIVED]
    assert set(view.model_dump()) == {"concern_id", "status", "raised_at", "handed_over_at",
                                      "handled_by_role", "history"}  # fmt: skip


async def test_a_case_opened_hands_the_concern_over_to_the_profession_referred_to() -> None:
    intake = FakeIntake()
    concern = await raised(intake)
    opened = case_opened(
        concern_id=concern.concern_id,
        referred_to="psychologist",
        responsible=StaffMember("nurse-aino", Role.NURSE),  # not what the raiser is shown
    )
    await intake.transact(lambda unit: concern_taken_up(opened, unit))

    stored = await intake.concerns.get(concern.concern_id)
    assert stored is not None
    assert stored.status is ConcernStatus.WITH_WELFARE_GROUP
    assert stored.case_id == opened.data.case_id
    assert stored.description == concern.description  # the narrative is untouched
    view = await status_of(intake, concern, "teacher-tiina")
    assert view.status is ConcernStatus.WITH_WELFARE_GROUP
    assert view.handled_by_role is Role.PSYCHOLOGIST
    assert view.handed_over_at == opened.occurred_at
    assert [c.status for c in view.history] == [
        ConcernStatus.RECEIVED,
        ConcernStatus.WITH_WELFARE_GROUP,
    ]
    assert intake.published[1:] == []  # following a case announces nothing


async def test_a_concern_joining_an_open_case_shows_its_own_referral() -> None:
    intake = FakeIntake()
    concern = await raised(intake)
    linked = concern_linked(concern.concern_id, uuid.uuid4())
    await intake.transact(lambda unit: concern_taken_up(linked, unit))

    view = await status_of(intake, concern, "teacher-tiina")
    assert view.status is ConcernStatus.WITH_WELFARE_GROUP
    assert view.handled_by_role is Role.SPECIAL_NEEDS_TEACHER


async def test_a_concern_taken_up_again_keeps_its_first_hand_over() -> None:
    intake = FakeIntake()
    concern = await raised(intake)
    opened = case_opened(concern_id=concern.concern_id, referred_to="psychologist")
    await intake.transact(lambda unit: concern_taken_up(opened, unit))
    again = concern_linked(concern.concern_id, uuid.uuid4())
    await intake.transact(lambda unit: concern_taken_up(again, unit))

    stored = await intake.concerns.get(concern.concern_id)
    assert stored is not None
    assert stored.case_id == opened.data.case_id
    assert stored.handled_by_role is Role.PSYCHOLOGIST
    assert len(stored.history) == 2


async def test_a_case_for_a_concern_raised_elsewhere_changes_nothing() -> None:
    intake = FakeIntake()
    concern = await raised(intake)
    elsewhere = case_opened(concern_id=uuid.uuid4())
    await intake.transact(lambda unit: concern_taken_up(elsewhere, unit))

    assert await intake.concerns.get(concern.concern_id) == concern
    assert len(intake.concerns.stored) == 1


async def test_only_the_raiser_follows_a_concern_and_an_unknown_id_looks_the_same() -> None:
    intake = FakeIntake()
    concern = await raised(intake)
    with pytest.raises(NotTheRaiser) as stranger:
        await status_of(intake, concern, NURSE.staff_id)
    assert stranger.value.student_ref == "student-0001"  # for the access log only
    with pytest.raises(NotTheRaiser) as unknown:
        await intake.transact(
            lambda unit: follow_concern(uuid.uuid4(), "teacher-tiina", unit, role=Role.TEACHER)
        )
    assert unknown.value.student_ref is None
    assert str(unknown.value) == str(stranger.value)


async def guardian_refused(intake: FakeIntake) -> str | None:
    return await intake.transact(lambda unit: family_refusal(Role.GUARDIAN, "student-0001", unit))


async def test_the_raisers_hold_keeps_the_guardian_out_until_the_case_speaks() -> None:
    intake = FakeIntake()
    concern = await raised(intake, guardian_must_not_be_told_yet=True)
    assert await guardian_refused(intake) == "The guardian may not be told of this yet (§18)."
    student = await intake.transact(lambda unit: family_refusal(Role.STUDENT, "student-0001", unit))
    assert student is None  # only the guardian is kept out

    opened = case_opened(concern_id=concern.concern_id, guardian_may_be_notified=True)
    await intake.transact(lambda unit: concern_taken_up(opened, unit))
    assert await guardian_refused(intake) is None  # the lead lifted the hold

    barred = step_recorded(
        "guardian_barred", case_id=opened.data.case_id, guardian_may_be_notified=False
    )
    await intake.transact(lambda unit: case_step_recorded(barred, unit))
    assert await guardian_refused(intake) is not None  # a §18 bar set later


async def test_a_bar_on_confidential_data_alone_keeps_the_guardian_out_of_intake_too() -> None:
    intake = FakeIntake()
    concern = await raised(intake)
    opened = case_opened(concern_id=concern.concern_id, guardian_may_be_notified=True)
    await intake.transact(lambda unit: concern_taken_up(opened, unit))
    data_bar = step_recorded(
        "guardian_barred", case_id=opened.data.case_id, guardian_may_be_notified=True,
        guardian_may_see_record=False,
    )  # fmt: skip
    await intake.transact(lambda unit: case_step_recorded(data_bar, unit))
    assert await guardian_refused(intake) is not None  # §18.2: no confidential data


async def test_a_concern_joining_a_case_leaves_what_the_case_said_of_the_guardian() -> None:
    intake = FakeIntake()
    concern = await raised(intake)
    linked = concern_linked(concern.concern_id, uuid.uuid4())
    await intake.transact(lambda unit: concern_taken_up(linked, unit))
    assert await guardian_refused(intake) is None

    held = await raised(intake, guardian_must_not_be_told_yet=True)
    joined = concern_linked(held.concern_id, uuid.uuid4())
    await intake.transact(lambda unit: concern_taken_up(joined, unit))
    assert await guardian_refused(intake) is not None  # its raiser's hold still stands


async def test_a_purged_case_erases_its_concerns_and_no_other() -> None:
    intake = FakeIntake()
    taken, other = await raised(intake), await raised(intake)
    case_id = uuid.uuid4()
    await intake.transact(lambda unit: case_purged(purged(case_id, taken.concern_id), unit))

    assert await intake.concerns.get(taken.concern_id) is None
    assert await intake.concerns.get(other.concern_id) == other
    with pytest.raises(NotTheRaiser):  # its raiser now sees what a stranger sees
        await status_of(intake, taken, "teacher-tiina")
