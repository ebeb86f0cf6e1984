"""A concern sent twice with its Idempotency-Key is raised once, and a key is its raiser's
own; and a staff member's own list, through intake's fakes."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest
from pydantic import TypeAdapter, ValidationError

from services.intake.domain import Concern, ConcernSummary
from services.intake.service_layer.follow_concern import RaisedConcernView, concerns_raised_by
from services.intake.service_layer.raise_concern import NotYourSchool, RaiseConcern
from services.intake.service_layer.raise_once import (
    IdempotencyKey,
    KeyUsedForAnother,
    keyed_concern_id,
    raise_once,
    raised_before,
)
from shared.contracts import Role, StaffMember
from shared.storage import DuplicateKeyError
from tests.factories import raise_concern_request
from tests.fakes.intake import FakeConcerns, FakeIntake

TIINA = StaffMember("teacher-tiina", Role.TEACHER)
AINO = StaffMember("nurse-aino", Role.NURSE)
KALLIO = frozenset({"kallio-school"})


def command(**overrides: Any) -> RaiseConcern:
    return RaiseConcern.model_validate(raise_concern_request(**overrides))


async def once(intake: FakeIntake, raiser: StaffMember, key: str | None, **overrides: Any) -> Any:
    return await intake.transact(
        lambda unit: raise_once(command(**overrides), raiser, KALLIO, key, unit)
    )


async def test_the_same_key_twice_is_one_concern_and_one_event() -> None:
    intake = FakeIntake()
    first = await once(intake, TIINA, "click-1")
    again = await once(intake, TIINA, "click-1")

    assert (first.new, again.new) == (True, False)
    assert again.concern == first.concern
    assert first.concern.concern_id == keyed_concern_id("teacher-tiina", "click-1")
    assert len(intake.concerns.stored) == 1
    assert len(intake.published) == 1


async def test_without_a_key_each_raising_is_its_own() -> None:
    intake = FakeIntake()
    first, second = await once(intake, TIINA, None), await once(intake, TIINA, None)
    assert first.concern.concern_id != second.concern.concern_id
    assert (first.new, second.new) == (True, True)


async def test_another_raisers_same_key_raises_their_own_and_never_finds_the_first() -> None:
    intake = FakeIntake()
    tiinas = await once(intake, TIINA, "k")
    ainos = await once(intake, AINO, "k")

    assert ainos.new
    assert ainos.concern.concern_id != tiinas.concern.concern_id
    assert ainos.concern.raised_by == AINO
    assert await intake.transact(lambda unit: raised_before(command(), AINO, "k", unit)) == (
        ainos.concern
    )


async def test_the_same_key_with_another_body_is_refused_and_changes_nothing() -> None:
    intake = FakeIntake()
    await once(intake, TIINA, "k")
    for change in ({"urgency": "urgent"}, {"description": "Something else."},
                   {"categories": ["mental_health", "learning"]}):  # fmt: skip
        with pytest.raises(KeyUsedForAnother, match="used for another concern"):
            await once(intake, TIINA, "k", **change)
    assert len(intake.concerns.stored) == 1
    assert len(intake.published) == 1


async def test_a_refused_raising_keeps_nothing_so_the_corrected_retry_raises_it() -> None:
    intake = FakeIntake(schools=["kallio-school", "metsa-school"])
    with pytest.raises(NotYourSchool):
        await once(intake, TIINA, "k", school_id="metsa-school")
    assert intake.concerns.stored == {}
    assert (await once(intake, TIINA, "k")).new


class _RacedConcerns(FakeConcerns):
    """Its first look is taken before the twin (already stored) committed: it misses it."""

    def __init__(self) -> None:
        super().__init__()
        self.looked = False

    async def get(self, concern_id: UUID) -> Concern | None:
        if not self.looked:
            self.looked = True
            return None
        return await super().get(concern_id)


async def test_a_twin_that_commits_first_makes_the_write_fail_and_the_rerun_find_it() -> None:
    intake = FakeIntake()
    twin = (await once(intake, TIINA, "k")).concern
    raced = _RacedConcerns()
    raced.stored = intake.concerns.stored
    intake.concerns = raced
    intake.published.clear()

    with pytest.raises(DuplicateKeyError):  # what the route answers by running it again
        await once(intake, TIINA, "k")
    rerun = await once(intake, TIINA, "k")
    assert (rerun.new, rerun.concern) == (False, twin)
    assert len(intake.concerns.stored) == 1
    assert intake.published == []


@pytest.mark.parametrize("key", ["a", "0f8c2b9e-1d2a-4c1e-9b7d-3e2f1a0b9c8d", "A_b-9", "x" * 100])
def test_a_key_is_1_to_100_letters_digits_dashes_and_underscores(key: str) -> None:
    assert TypeAdapter(IdempotencyKey).validate_python(key) == key


@pytest.mark.parametrize("key", ["", " ", "a b", "ä", "a/b", "a\nb", "x" * 101])
def test_anything_else_is_refused_naming_the_header(key: str) -> None:
    with pytest.raises(ValidationError, match="Idempotency-Key must be 1 to 100 characters"):
        TypeAdapter(IdempotencyKey).validate_python(key)


async def test_a_staff_members_list_is_their_own_newest_first_without_the_narrative() -> None:
    intake = FakeIntake()
    first = (await once(intake, TIINA, None, student_ref="student-0001")).concern
    later = (await once(intake, TIINA, None, student_ref="student-0002")).concern
    await once(intake, AINO, None)

    mine = await intake.transact(lambda unit: concerns_raised_by(TIINA, unit, limit=50))
    assert [s.concern_id for s in mine] == [later.concern_id, first.concern_id]
    assert mine[0] == ConcernSummary.of(later)
    assert await intake.transact(lambda unit: concerns_raised_by(TIINA, unit, limit=1)) == [
        ConcernSummary.of(later)
    ]
    stranger = StaffMember("special-teacher-onni", Role.SPECIAL_NEEDS_TEACHER)
    assert await intake.transact(lambda unit: concerns_raised_by(stranger, unit, limit=50)) == []

    view = RaisedConcernView.of(mine[0]).model_dump(mode="json")
    assert set(view) == {"concern_id", "student_ref", "school_id", "categories", "urgency",
                         "raised_at", "status", "handed_over_at", "handled_by_role",
                         "history"}  # fmt: skip
    assert (view["status"], view["student_ref"]) == ("received", "student-0002")
    assert "withdrawn" not in str(view)
