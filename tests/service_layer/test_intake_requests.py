"""The student's and a guardian's own requests and another person's contact (§15.1-2),
through intake's fakes: who may ask for whom and where, what is kept sealed, what is
announced, and who may follow it. Each attack a caller could try has its test."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest
from pydantic import ValidationError

from services.intake.domain import Concern, ConcernRejected, NotTheirs
from services.intake.service_layer.follow_concern import (
    ConcernStatusView,
    NotTheRaiser,
    follow_concern,
)
from services.intake.service_layer.raise_concern import NotYourSchool
from services.intake.service_layer.requests import (
    DiscussionRequest,
    OtherContact,
    record_contact,
    request_discussion,
)
from shared.contracts import ConcernRaisedV1, ContactKind, DiscussionWith, RequestedBy, Role
from shared.contracts import StaffMember as Staff
from shared.security import Principal
from tests.factories import contact_request, discussion_request
from tests.fakes.intake import FakeIntake

KALLIO = frozenset({"kallio-school"})
STUDENT = Principal("student-0001", Role.STUDENT, KALLIO, frozenset({"student-0001"}))
GUARDIAN = Principal("guardian-0001", Role.GUARDIAN, KALLIO, frozenset({"student-0001"}))
TIINA = Staff("teacher-tiina", Role.TEACHER)
SECRET = "I cannot sleep since the divorce"


def asked(**overrides: Any) -> DiscussionRequest:
    return DiscussionRequest.model_validate(discussion_request(**overrides))


def contact(**overrides: Any) -> OtherContact:
    return OtherContact.model_validate(contact_request(**overrides))


async def follow(intake: FakeIntake, concern_id: UUID, follower: str, role: Role) -> Concern:
    return await intake.transact(lambda unit: follow_concern(concern_id, follower, unit, role=role))


@pytest.fixture
def intake() -> FakeIntake:
    return FakeIntake(schools=["kallio-school", "toolo-school"])


async def test_the_students_own_request_is_announced_with_no_staff_member_and_no_text(
    intake: FakeIntake,
) -> None:
    command = asked(text=SECRET, urgency="urgent", discussion_with="psychologist")
    concern = await intake.transact(
        lambda unit: request_discussion("student-0001", command, STUDENT, unit)
    )
    assert concern.description == SECRET  # sealed in intake's own store
    (event,) = intake.published
    assert isinstance(event, ConcernRaisedV1)
    assert event.data.requested_by is RequestedBy.STUDENT
    assert event.data.raised_by is None
    assert event.data.requester_ref == "student-0001"
    assert event.data.discussion_with is DiscussionWith.PSYCHOLOGIST
    assert event.data.urgency.value == "urgent"  # as the student says it
    assert event.data.raised_at == concern.raised_at  # the §15 clock runs from today
    assert "divorce" not in event.model_dump_json()


async def test_a_student_asking_for_another_student_is_refused_and_nothing_is_kept(
    intake: FakeIntake,
) -> None:
    with pytest.raises(NotTheirs):
        await intake.transact(
            lambda unit: request_discussion("student-0002", asked(), STUDENT, unit)
        )
    assert intake.concerns.stored == {}
    assert intake.published == []


async def test_a_guardian_asks_for_their_own_child_and_never_for_another(
    intake: FakeIntake,
) -> None:
    concern = await intake.transact(
        lambda unit: request_discussion("student-0001", asked(), GUARDIAN, unit)
    )
    (event,) = intake.published
    assert isinstance(event, ConcernRaisedV1)
    assert event.data.requested_by is RequestedBy.GUARDIAN
    assert event.data.requester_ref == "guardian-0001"
    assert event.data.guardian_informed is True
    assert concern.raised_by is None
    with pytest.raises(NotTheirs):
        await intake.transact(
            lambda unit: request_discussion("student-0002", asked(), GUARDIAN, unit)
        )
    assert len(intake.published) == 1


async def test_a_request_goes_only_to_a_school_the_sign_in_names(intake: FakeIntake) -> None:
    elsewhere = asked(school_id="toolo-school")
    with pytest.raises(NotYourSchool):
        await intake.transact(
            lambda unit: request_discussion("student-0001", elsewhere, STUDENT, unit)
        )
    no_school = Principal("student-0001", Role.STUDENT, student_refs=frozenset({"student-0001"}))
    with pytest.raises(NotYourSchool):
        await intake.transact(
            lambda unit: request_discussion("student-0001", asked(), no_school, unit)
        )
    with pytest.raises(ConcernRejected):
        await intake.transact(
            lambda unit: request_discussion(
                "student-0001", asked(school_id="nowhere"), STUDENT, unit
            )
        )
    assert intake.published == []


async def test_a_guardian_cannot_ask_that_they_themselves_not_be_told(
    intake: FakeIntake,
) -> None:
    with pytest.raises(ConcernRejected) as rejected:
        await intake.transact(
            lambda unit: request_discussion(
                "student-0001", asked(guardian_must_not_be_told_yet=True), GUARDIAN, unit
            )
        )
    assert rejected.value.field_name == "guardian_must_not_be_told_yet"


def test_an_oversized_text_or_an_unknown_field_is_refused_before_anything_is_read() -> None:
    with pytest.raises(ValidationError):
        asked(text="x" * 5001)
    with pytest.raises(ValidationError):
        asked(student_ref="student-0002")  # the path names the student, never the body
    with pytest.raises(ValidationError):
        asked(requested_by="staff")  # nor who asks: that is the sign-in
    with pytest.raises(ValidationError):
        contact(caller_description="x" * 5001)
    with pytest.raises(ValidationError):
        contact(contact_kind="carrier_pigeon")


async def test_another_persons_contact_is_recorded_by_the_staff_member_who_took_it(
    intake: FakeIntake,
) -> None:
    concern = await intake.transact(lambda unit: record_contact(contact(), TIINA, KALLIO, unit))
    assert concern.description.startswith("Youth worker")
    (event,) = intake.published
    assert isinstance(event, ConcernRaisedV1)
    assert event.data.requested_by is RequestedBy.OTHER
    assert event.data.raised_by == TIINA  # who recorded it, from the token
    assert event.data.contact_kind is ContactKind.PHONE
    assert event.data.requester_ref is None  # the caller is named only in the sealed text
    assert "Youth worker" not in event.model_dump_json()


async def test_a_staff_member_of_another_school_cannot_record_a_contact_here(
    intake: FakeIntake,
) -> None:
    toolo = frozenset({"toolo-school"})
    outsider = Staff("teacher-tuomas", Role.TEACHER)
    with pytest.raises(NotYourSchool):
        await intake.transact(lambda unit: record_contact(contact(), outsider, toolo, unit))
    assert intake.concerns.stored == {}


async def test_the_asker_follows_their_own_request_and_nobody_else_does(
    intake: FakeIntake,
) -> None:
    mine = await intake.transact(
        lambda unit: request_discussion("student-0001", asked(text=SECRET), STUDENT, unit)
    )
    followed = await intake.transact(
        lambda unit: follow_concern(mine.concern_id, "student-0001", unit, role=Role.STUDENT)
    )
    view = ConcernStatusView.of(followed).model_dump_json()
    assert "divorce" not in view
    assert '"status":"received"' in view
    # A guardian, a teacher or anyone signed in with the student's id as staff: refused.
    for follower, role in [
        ("guardian-0001", Role.GUARDIAN),
        ("student-0001", Role.TEACHER),
        ("teacher-tiina", Role.TEACHER),
    ]:
        with pytest.raises(NotTheRaiser):
            await follow(intake, mine.concern_id, follower, role)
    theirs = await intake.transact(
        lambda unit: request_discussion("student-0001", asked(), GUARDIAN, unit)
    )
    with pytest.raises(NotTheRaiser):  # the student does not follow the guardian's request
        await intake.transact(
            lambda unit: follow_concern(theirs.concern_id, "student-0001", unit, role=Role.STUDENT)
        )
