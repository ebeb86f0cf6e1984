"""Intake's repositories, the fakes and the real Mongo adapters through the same unit of
work and transact: each test runs against both, so the fakes cannot drift."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from services.intake.adapters.concerns import ConcernRepository
from services.intake.adapters.rate_limit import ConcernRateLimit
from services.intake.adapters.schools import SchoolDirectory
from services.intake.adapters.unit import MongoIntakeUnit
from services.intake.domain import Concern, ConcernSummary, other_contact, student_request
from services.intake.service_layer.unit_of_work import IntakeUnit, RaisingLimit
from shared.contracts import (
    ConcernCategory,
    ContactKind,
    DiscussionWith,
    GuardianHoldGround,
    Role,
    StaffMember,
    Urgency,
)
from shared.outbox import Outbox
from shared.sealing import DataKeys, KeyRing
from shared.storage import DuplicateKeyError, Store
from shared.unit_of_work import Transact, Transactor
from tests.factories import concern_raised
from tests.fakes.intake import FakeIntake, FakeRaisingLimit

# Whole milliseconds: what the database keeps of a moment.
RAISED = datetime(2026, 11, 23, 9, 15, 30, 250_000, tzinfo=UTC)


@dataclass
class Backend:
    transact: Transact[IntakeUnit]
    put_school: Callable[[str], Awaitable[None]]
    pending_events: Callable[[], Awaitable[int]]


@pytest.fixture(params=["fake", "mongo"])
def mongo_uri(request: pytest.FixtureRequest) -> str | None:
    """None for the fakes; the real database's address otherwise (the servers start only
    for the tests that need them)."""
    if request.param == "fake":
        return None
    return str(request.getfixturevalue("infra").mongo_uri)


@pytest.fixture
async def backend(mongo_uri: str | None) -> AsyncIterator[Backend]:
    if mongo_uri is None:
        fake = FakeIntake(schools=())

        async def published() -> int:
            return len(fake.published)

        yield Backend(fake.transact, fake.schools.put, published)
        return
    store = Store(mongo_uri, f"contract{uuid.uuid4().hex[:10]}_intake")
    keys = DataKeys(store, KeyRing.parse(f"test-1:{KeyRing.new_kek()}"))
    outbox = Outbox(store)
    await ConcernRepository(store, keys).ensure_indexes()
    try:
        yield Backend(
            Transactor(store, outbox, lambda session: MongoIntakeUnit(session, store, keys)),
            SchoolDirectory(store).put,
            outbox.pending,
        )
    finally:
        await store.drop()
        store.close()


def a_concern(
    student_ref: str = "student-0001",
    *,
    held: bool = False,
    by: str = "teacher-tiina",
    at: datetime = RAISED,
) -> Concern:
    return Concern.raise_(
        student_ref=student_ref,
        school_id="kallio-school",
        raised_by=StaffMember(by, Role.TEACHER),
        categories=[ConcernCategory.MENTAL_HEALTH, ConcernCategory.LEARNING],
        urgency=Urgency.URGENT,
        description="Has seemed withdrawn and tired in class for two weeks.",
        student_informed=True,
        guardian_informed=False,
        guardian_must_not_be_told_yet=held,
        guardian_hold_ground=GuardianHoldGround.RISK_TO_STUDENT if held else None,
        now=at,
    )


def adding(concern: Concern) -> Callable[[IntakeUnit], Awaitable[None]]:
    return lambda unit: unit.concerns.add(concern)


async def add(backend: Backend, *concerns: Concern) -> None:
    for concern in concerns:
        await backend.transact(adding(concern))


async def get(backend: Backend, concern: Concern) -> Concern | None:
    return await backend.transact(lambda unit: unit.concerns.get(concern.concern_id))


async def kept_out(backend: Backend, student_ref: str = "student-0001") -> bool:
    return await backend.transact(lambda unit: unit.concerns.guardian_kept_out(student_ref))


async def test_a_concern_comes_back_as_it_was_added(backend: Backend) -> None:
    concern = a_concern()
    await add(backend, concern)
    assert await get(backend, concern) == concern
    assert await get(backend, a_concern()) is None


async def test_a_request_and_a_contact_come_back_with_who_asked_and_how(backend: Backend) -> None:
    own = student_request(
        asker_ref="student-0001",
        student_ref="student-0001",
        school_id="kallio-school",
        discussion_with=DiscussionWith.EITHER,
        urgency=Urgency.ROUTINE,
        categories=[ConcernCategory.OTHER],
        text="",
        guardian_must_not_be_told_yet=True,
        now=RAISED,
    )
    called = other_contact(
        recorded_by=StaffMember("kuraattori-kaisa", Role.KURAATTORI),
        contact_kind=ContactKind.LETTER,
        student_ref="student-0002",
        school_id="kallio-school",
        discussion_with=None,
        urgency=Urgency.URGENT,
        categories=[ConcernCategory.FAMILY_SITUATION],
        caller_description="A doctor writes about the student's sleep.",
        student_informed=False,
        guardian_informed=False,
        now=RAISED,
    )
    await add(backend, own, called)
    assert await get(backend, own) == own
    assert await get(backend, called) == called


async def test_a_concern_is_added_once(backend: Backend) -> None:
    concern = a_concern()
    await add(backend, concern)
    with pytest.raises(DuplicateKeyError):
        await add(backend, concern)


async def test_saving_moves_the_concern_along_and_keeps_what_was_raised(backend: Backend) -> None:
    concern = a_concern()
    await add(backend, concern)
    handed = concern.hand_over(
        case_id=uuid.uuid4(), handled_by=Role.PSYCHOLOGIST, at=RAISED + timedelta(hours=1)
    )
    await backend.transact(lambda unit: unit.concerns.save(handed))
    assert await get(backend, concern) == handed

    stranger = a_concern()
    await backend.transact(lambda unit: unit.concerns.save(stranger))
    assert await get(backend, stranger) is None  # saving is no way to add


async def test_handing_over_in_place_is_the_domains_hand_over_saved(backend: Backend) -> None:
    concern = a_concern(held=True)
    await add(backend, concern)
    case_id, at = uuid.uuid4(), RAISED + timedelta(hours=1)

    def hand_over(
        concern_id: uuid.UUID, told: bool | None, when: datetime = at
    ) -> Callable[[IntakeUnit], Awaitable[bool]]:
        return lambda unit: unit.concerns.hand_over(
            concern_id, case_id=case_id, handled_by=Role.NURSE, at=when, guardian_may_be_told=told
        )

    assert await backend.transact(hand_over(concern.concern_id, None))
    handed = concern.hand_over(case_id=case_id, handled_by=Role.NURSE, at=at)
    assert await get(backend, concern) == handed
    assert await kept_out(backend)  # nothing said of the guardian: the raiser's hold stands
    # Handed over already: the domain changes nothing, but what the case says of the guardian
    # is still saved.
    assert await backend.transact(hand_over(concern.concern_id, True, at + timedelta(hours=1)))
    assert await get(backend, concern) == handed
    assert not await kept_out(backend)
    assert not await backend.transact(hand_over(uuid.uuid4(), None))
    assert not await backend.transact(hand_over(uuid.uuid4(), True))


async def test_a_raisers_list_is_theirs_newest_first_limited_and_without_the_narrative(
    backend: Backend,
) -> None:
    first = a_concern(at=RAISED)
    later = a_concern("student-0002", at=RAISED + timedelta(minutes=5))
    same_moment = sorted(
        (a_concern("student-0003", at=RAISED + timedelta(hours=1)) for _ in range(2)),
        key=lambda c: str(c.concern_id),
    )
    others = a_concern(by="nurse-aino", at=RAISED + timedelta(days=1))
    asked = student_request(
        asker_ref="student-0001",
        student_ref="student-0001",
        school_id="kallio-school",
        discussion_with=DiscussionWith.EITHER,
        urgency=Urgency.ROUTINE,
        categories=[ConcernCategory.OTHER],
        text="",
        guardian_must_not_be_told_yet=False,
        now=RAISED + timedelta(days=2),
    )
    await add(backend, first, *same_moment, later, others, asked)
    handed = later.hand_over(case_id=uuid.uuid4(), handled_by=Role.NURSE, at=RAISED)
    await backend.transact(lambda unit: unit.concerns.save(handed))

    def raised_by(
        staff_id: str, limit: int
    ) -> Callable[[IntakeUnit], Awaitable[list[ConcernSummary]]]:
        return lambda unit: unit.concerns.raised_by(staff_id, limit=limit)

    mine = await backend.transact(raised_by("teacher-tiina", 10))
    newest_first = [*reversed(same_moment), handed, first]
    assert mine == [ConcernSummary.of(c) for c in newest_first]
    assert not any(hasattr(summary, "description") for summary in mine)
    assert await backend.transact(raised_by("teacher-tiina", 2)) == mine[:2]
    assert await backend.transact(raised_by("nurse-aino", 10)) == [ConcernSummary.of(others)]
    # A student's own request names nobody who raised it: it is nobody's list.
    assert await backend.transact(raised_by("student-0001", 10)) == []


async def test_the_guardian_is_kept_out_by_the_raisers_hold_until_the_case_speaks(
    backend: Backend,
) -> None:
    held, other = a_concern(held=True), a_concern("student-0002")
    await add(backend, held, other)
    assert await kept_out(backend)
    assert not await kept_out(backend, "student-0002")

    case_id = uuid.uuid4()
    handed = held.hand_over(case_id=case_id, handled_by=Role.NURSE, at=RAISED)
    await backend.transact(lambda unit: unit.concerns.save(handed, guardian_may_be_told=True))
    assert not await kept_out(backend)  # the case lifted the hold
    await backend.transact(lambda unit: unit.concerns.save(handed))
    assert not await kept_out(backend)  # saving without a word of the guardian keeps it

    await backend.transact(lambda unit: unit.concerns.guardian_may_be_told(case_id, False))
    assert await kept_out(backend)  # a §18 bar, for every concern of the case
    assert not await kept_out(backend, "student-0002")
    await backend.transact(lambda unit: unit.concerns.guardian_may_be_told(uuid.uuid4(), True))
    assert await kept_out(backend)  # another case's word changes nothing here


async def test_erased_concerns_are_gone_and_the_others_stay(backend: Backend) -> None:
    erased, kept = a_concern(held=True), a_concern()
    await add(backend, erased, kept)
    await backend.transact(lambda unit: unit.concerns.erase([erased.concern_id]))
    assert await get(backend, erased) is None
    assert await get(backend, kept) == kept
    assert not await kept_out(backend)  # an erased concern keeps nobody out


async def test_the_directory_knows_the_schools_put_in_it(backend: Backend) -> None:
    assert not await backend.transact(lambda unit: unit.schools.knows("kallio-school"))
    await backend.put_school("kallio-school")
    assert await backend.transact(lambda unit: unit.schools.knows("kallio-school"))
    assert not await backend.transact(lambda unit: unit.schools.knows("metsa-school"))


class _Refused(Exception):
    pass


async def test_a_failed_transaction_keeps_nothing_and_announces_nothing(
    backend: Backend,
) -> None:
    concern = a_concern()

    async def work(unit: IntakeUnit) -> None:
        await unit.concerns.add(concern)
        unit.emit(concern_raised())
        raise _Refused

    with pytest.raises(_Refused):
        await backend.transact(work)
    assert await get(backend, concern) is None
    assert await backend.pending_events() == 0

    async def announce(unit: IntakeUnit) -> None:
        unit.emit(concern_raised())

    await backend.transact(announce)
    assert await backend.pending_events() == 1


@pytest.fixture(params=["fake", "limits"])
def limit(request: pytest.FixtureRequest) -> RaisingLimit:
    if request.param == "fake":
        return FakeRaisingLimit(allowed=3)
    return ConcernRateLimit("3/minute", "memory://")


async def test_raising_is_limited_per_person_with_a_wait_to_try_again(limit: RaisingLimit) -> None:
    assert [await limit.wait_for("teacher-tiina") for _ in range(3)] == [0, 0, 0]
    wait_s = await limit.wait_for("teacher-tiina")
    assert 0 < wait_s <= 61
    assert await limit.wait_for("teacher-tiina") > 0  # still refused: the window is full
    assert await limit.wait_for("nurse-aino") == 0
