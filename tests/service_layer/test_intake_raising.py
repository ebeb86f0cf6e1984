"""Raising a concern, through intake's fakes: who may raise it where, what is kept and
what is announced, and the per-person limit."""

from __future__ import annotations

from typing import Any

import pytest

from services.intake.domain import ConcernRejected, ConcernStatus
from services.intake.service_layer.raise_concern import (
    NotYourSchool,
    RaiseConcern,
    TooManyConcerns,
    count_attempt,
    raise_concern,
)
from shared.contracts import ConcernRaisedV1, Role, StaffMember
from tests.factories import raise_concern_request
from tests.fakes.intake import FakeIntake, FakeRaisingLimit

TIINA = StaffMember("teacher-tiina", Role.TEACHER)
KALLIO = frozenset({"kallio-school"})


def command(**overrides: Any) -> RaiseConcern:
    return RaiseConcern.model_validate(raise_concern_request(**overrides))


async def test_an_accepted_concern_is_kept_with_its_narrative_and_announced_without() -> None:
    intake = FakeIntake()
    concern = await intake.transact(lambda unit: raise_concern(command(), TIINA, KALLIO, unit))

    assert concern.status is ConcernStatus.RECEIVED
    assert concern.raised_by == TIINA  # the caller the token names, never the body
    assert await intake.concerns.get(concern.concern_id) == concern
    (event,) = intake.published
    assert isinstance(event, ConcernRaisedV1)
    assert event.producer == "intake"
    assert event.partition_key == "student-0001"
    assert event.data.concern_id == concern.concern_id
    assert event.data.raised_by == TIINA
    assert "withdrawn" not in event.model_dump_json()  # the narrative stays in intake


async def test_a_school_not_in_the_directory_is_a_field_to_correct() -> None:
    intake = FakeIntake(schools=["kallio-school"])
    typo = command(school_id="kalio-school")
    with pytest.raises(ConcernRejected) as rejected:
        await intake.transact(lambda unit: raise_concern(typo, TIINA, {"kalio-school"}, unit))

    assert rejected.value.field_name == "school_id"
    assert str(rejected.value) == (
        "there is no school 'kalio-school' in the directory; check the school's identifier"
    )
    assert intake.concerns.stored == {}
    assert intake.published == []


async def test_an_unknown_school_is_named_so_even_to_someone_who_works_elsewhere() -> None:
    intake = FakeIntake()
    with pytest.raises(ConcernRejected):  # the directory is asked before the token
        await intake.transact(
            lambda unit: raise_concern(command(school_id="nowhere"), TIINA, KALLIO, unit)
        )


async def test_a_school_the_raiser_does_not_work_at_is_refused() -> None:
    intake = FakeIntake(schools=["kallio-school", "metsa-school"])
    with pytest.raises(NotYourSchool) as refused:
        await intake.transact(
            lambda unit: raise_concern(command(school_id="metsa-school"), TIINA, KALLIO, unit)
        )

    assert "'metsa-school'" in str(refused.value)
    assert "kallio-school" in str(refused.value)  # what the sign-in does name
    assert intake.concerns.stored == {}
    assert intake.published == []


async def test_a_raiser_whose_sign_in_names_no_school_is_told_so() -> None:
    intake = FakeIntake()
    with pytest.raises(NotYourSchool, match=r"names none"):
        await intake.transact(lambda unit: raise_concern(command(), TIINA, frozenset(), unit))


async def test_a_self_contradicting_concern_is_refused_and_nothing_is_kept() -> None:
    intake = FakeIntake()
    contradiction = command(guardian_informed=True, guardian_must_not_be_told_yet=True)
    with pytest.raises(ConcernRejected) as rejected:
        await intake.transact(lambda unit: raise_concern(contradiction, TIINA, KALLIO, unit))

    assert rejected.value.field_name == "guardian_must_not_be_told_yet"
    assert intake.concerns.stored == {}
    assert intake.published == []


async def test_each_raising_is_a_concern_of_its_own() -> None:
    # Raised without an idempotency key, the same request twice is two concerns.
    intake = FakeIntake()
    first = await intake.transact(lambda unit: raise_concern(command(), TIINA, KALLIO, unit))
    second = await intake.transact(lambda unit: raise_concern(command(), TIINA, KALLIO, unit))

    assert first.concern_id != second.concern_id
    assert len(intake.concerns.stored) == 2
    assert len(intake.published) == 2


async def test_raising_is_limited_per_person() -> None:
    limit = FakeRaisingLimit(allowed=3, retry_after_s=42)
    for _ in range(3):
        await count_attempt("teacher-tiina", limit)
    with pytest.raises(TooManyConcerns) as flood:
        await count_attempt("teacher-tiina", limit)

    assert flood.value.retry_after_s == 42
    assert str(flood.value) == "Too many concerns raised; try again in 42 s."
    await count_attempt("nurse-aino", limit)  # the limit is per person
