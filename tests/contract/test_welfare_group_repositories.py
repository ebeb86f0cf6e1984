"""The welfare group's repositories, the fakes and the real Mongo adapters through the same
unit of work and transact: each test runs against both, so the fakes cannot drift."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

import pytest

from services.welfare_group.adapters.cases import CaseRepository
from services.welfare_group.adapters.ledger import DisclosureLedgerRepository
from services.welfare_group.adapters.schools import RosterRepository
from services.welfare_group.adapters.students import STUDENT_REGISTER, StudentRegisterRepository
from services.welfare_group.adapters.timers import TimerRepository
from services.welfare_group.adapters.unit_of_work import MongoWelfareUnit
from services.welfare_group.domain import lifecycle as step
from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.case_intake import open_case
from services.welfare_group.domain.consent import Consenter, ConsentForm
from services.welfare_group.domain.disclosure import RecordData
from services.welfare_group.domain.ledger import LedgerRow, rows_for
from services.welfare_group.domain.record import Record
from services.welfare_group.domain.record_content import CaseOpened
from services.welfare_group.domain.registers import Register
from services.welfare_group.domain.routing import Roster
from services.welfare_group.domain.statutes import Statute
from services.welfare_group.domain.students import StudentIdentity
from services.welfare_group.domain.timers import Timer, TimerKind, TimerState
from services.welfare_group.service_layer.unit_of_work import WelfareUnit
from shared.contracts import ConcernCategory, Role, StaffMember, Urgency
from shared.outbox import Outbox
from shared.sealing import DataKeys, KeyRing, Unreadable
from shared.storage import DuplicateKeyError, Store
from shared.unit_of_work import Transact, Transactor
from tests.factories import case_opened
from tests.fakes.welfare_group import KALLIO, FakeWelfareGroup
from tests.support.cases import STUDENT, with_group

# Whole milliseconds: what the database keeps of a moment.
OPENED = datetime(2026, 11, 23, 9, 15, 30, 250_000, tzinfo=UTC)
ELIAS = StaffMember("psychologist-elias", Role.PSYCHOLOGIST)
KAISA = StaffMember("kuraattori-kaisa", Role.KURAATTORI)
TEACHER = StaffMember("teacher-tiina", Role.TEACHER)


class _Refused(Exception):
    pass


@dataclass
class Backend:
    transact: Transact[WelfareUnit]
    put_roster: Callable[[Roster], Awaitable[None]]
    put_student: Callable[[StudentIdentity], Awaitable[None]]
    pending_events: Callable[[], Awaitable[int]]
    raw_student: Callable[[str], Awaitable[object]]  # the stored document, or None for a fake


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
        fake = FakeWelfareGroup()

        async def published() -> int:
            return len(fake.published)

        async def no_document(_: str) -> object:
            return None

        yield Backend(fake.transact, fake.rosters.put, fake.students.put, published, no_document)
        return
    store = Store(mongo_uri, f"contract{uuid.uuid4().hex[:10]}_welfare_group")
    keys = DataKeys(store, KeyRing.parse(f"test-1:{KeyRing.new_kek()}"))
    outbox = Outbox(store)
    await CaseRepository(store, keys).ensure_indexes()
    await TimerRepository(store).ensure_indexes()
    await DisclosureLedgerRepository(store).ensure_indexes()
    try:
        yield Backend(
            Transactor(store, outbox, lambda session: MongoWelfareUnit(session, store, keys)),
            RosterRepository(store).put,
            StudentRegisterRepository(store, keys).put,
            outbox.pending,
            lambda ref: store.collection(STUDENT_REGISTER).find_one({"_id": ref}),
        )
    finally:
        await store.drop()
        store.close()


def a_case(
    student_ref: str = "student-0001", *, school_id: str = "kallio-school",
    responsible: StaffMember | None = ELIAS, at: datetime = OPENED,
    urgency: Urgency = Urgency.ROUTINE,
) -> Case:  # fmt: skip
    return open_case(
        concern_id=uuid.uuid4(), student_ref=student_ref, school_id=school_id,
        categories=[ConcernCategory.MENTAL_HEALTH, ConcernCategory.LEARNING], urgency=urgency,
        guardian_must_not_be_told_yet=False, responsible=responsible, raised_by=TEACHER,
        requested_on=at.date(), calendar=SchoolCalendar(), now=at,
    )  # fmt: skip


def closed(case: Case, after: timedelta = timedelta(hours=1)) -> Case:
    return step.close(case, reason="supported", by=ELIAS, at=case.opened_at + after)


def adding(case: Case) -> Callable[[WelfareUnit], Awaitable[None]]:
    return lambda unit: unit.cases.add(case)


def saving(case: Case) -> Callable[[WelfareUnit], Awaitable[None]]:
    return lambda unit: unit.cases.save(case)


async def add(backend: Backend, *cases: Case) -> None:
    for case in cases:
        await backend.transact(adding(case))


async def save(backend: Backend, *cases: Case) -> None:
    for case in cases:
        await backend.transact(saving(case))


async def get(backend: Backend, case: Case, *, with_record: bool = True) -> Case | None:
    return await backend.transact(
        lambda unit: unit.cases.get(case.case_id, with_record=with_record)
    )


async def caseload(backend: Backend, school_id: str = "kallio-school") -> dict[str, int]:
    return await backend.transact(lambda unit: unit.cases.open_caseload(school_id))


async def test_a_case_comes_back_as_it_was_added_with_its_record_or_without(
    backend: Backend,
) -> None:
    case = a_case()
    await add(backend, case)
    assert await get(backend, case) == case
    assert await get(backend, case, with_record=False) == replace(case, record=Record())
    assert await get(backend, a_case()) is None


async def test_saving_appends_new_entries_and_never_rewrites_older_ones(backend: Backend) -> None:
    case = a_case()
    await add(backend, case)
    offered = step.offer_discussion(
        case, offered_on=OPENED.date(), by=ELIAS, at=OPENED + timedelta(minutes=5)
    )
    await save(backend, offered)
    assert await get(backend, offered) == offered

    first, *later = offered.record.entries
    assert isinstance(first.content, CaseOpened)
    rewritten = replace(first, content=replace(first.content, background="something else"))
    tampered = replace(offered, record=Record((rewritten, *later)))
    heard = step.hear_student(
        tampered, views="tired", wishes="talks", by=ELIAS, at=OPENED + timedelta(minutes=9)
    )
    await save(backend, heard)
    kept = replace(heard, record=Record((*offered.record.entries, heard.record.entries[-1])))
    assert await get(backend, heard) == kept


async def test_consents_to_a_disclosure_and_the_disclosure_come_back_as_saved(
    backend: Backend,
) -> None:
    case = a_case()
    await add(backend, case)
    consented = step.decide_disclosure_consent(
        case, given=True, given_by=Consenter.STUDENT, student_can_judge=True,
        to="youth-services", data=[RecordData.PLAN_OF_MEASURES], purpose="support",
        form=ConsentForm.WRITTEN, by=ELIAS, at=OPENED + timedelta(minutes=5),
    )  # fmt: skip
    disclosed = step.disclose(
        consented, to="youth-services", what="the plan", data=RecordData.PLAN_OF_MEASURES,
        statute=None, by=ELIAS, at=OPENED + timedelta(minutes=6),
    )  # fmt: skip
    await save(backend, disclosed)
    assert await get(backend, disclosed) == disclosed


async def test_saving_is_no_way_to_add(backend: Backend) -> None:
    stranger = a_case()
    with pytest.raises(Unreadable):  # a case never added has no data key to seal it with
        await save(backend, stranger)
    assert await get(backend, stranger) is None
    assert await caseload(backend) == {}


async def test_a_student_has_one_open_case_at_a_school(backend: Backend) -> None:
    first = a_case()
    await add(backend, first)
    other, second = a_case("student-0002"), a_case()

    async def both(unit: WelfareUnit) -> None:
        await unit.cases.add(other)
        unit.emit(case_opened("student-0002"))
        await unit.cases.add(second)

    with pytest.raises(DuplicateKeyError):
        await backend.transact(both)
    assert await get(backend, other) is None  # the transaction keeps nothing
    assert await get(backend, second) is None
    assert await backend.pending_events() == 0
    with pytest.raises(DuplicateKeyError):
        await add(backend, first)
    assert await caseload(backend) == {ELIAS.staff_id: 1}

    elsewhere = a_case(school_id="toolo-school")
    await add(backend, elsewhere)
    await save(backend, closed(first))
    after = a_case(at=OPENED + timedelta(days=1))
    await add(backend, after)
    assert await get(backend, elsewhere) == elsewhere
    assert await get(backend, after) == after


async def test_the_open_case_of_a_student_is_that_schools_alone(backend: Backend) -> None:
    here, there = a_case(), a_case(school_id="toolo-school")
    await add(backend, here, there, a_case("student-0002"))

    def open_case_of(school_id: str) -> Awaitable[Case | None]:
        return backend.transact(lambda unit: unit.cases.open_case_of("student-0001", school_id))

    assert await open_case_of("kallio-school") == here
    assert await open_case_of("toolo-school") == there
    assert await open_case_of("metsa-school") is None
    await save(backend, closed(here))
    assert await open_case_of("kallio-school") is None


async def test_the_open_caseload_counts_per_responsible_and_follows_every_write(
    backend: Backend,
) -> None:
    one, two, three = a_case("s-1"), a_case("s-2"), a_case("s-3", responsible=KAISA)
    await add(backend, one, two, three, a_case("s-4", responsible=None))
    await add(backend, a_case("s-1", school_id="toolo-school"))
    assert await caseload(backend) == {ELIAS.staff_id: 2, KAISA.staff_id: 1}
    assert await caseload(backend, "toolo-school") == {ELIAS.staff_id: 1}
    assert await caseload(backend, "metsa-school") == {}

    handed = step.assign_responsible(one, member=KAISA, by=ELIAS, at=OPENED + timedelta(hours=1))
    await save(backend, handed)
    assert await caseload(backend) == {ELIAS.staff_id: 1, KAISA.staff_id: 2}
    await save(backend, closed(two))
    assert await caseload(backend) == {KAISA.staff_id: 2}
    await backend.transact(lambda unit: unit.cases.erase(three.case_id))
    assert await caseload(backend) == {KAISA.staff_id: 1}
    assert await caseload(backend, "toolo-school") == {ELIAS.staff_id: 1}


async def test_closed_before_lists_cases_closed_before_a_moment_up_to_a_limit(
    backend: Backend,
) -> None:
    early, later, last = (a_case(f"s-{n}") for n in range(3))
    await add(backend, early, later, last, a_case("s-open"))
    await save(backend, closed(early, timedelta(hours=1)), closed(later, timedelta(hours=2)))
    await save(backend, closed(last, timedelta(hours=3)))

    def closed_before(moment: datetime, limit: int = 10) -> Awaitable[list[uuid.UUID]]:
        return backend.transact(lambda unit: unit.cases.closed_before(moment, limit))

    at = OPENED + timedelta(hours=3)  # the last closed at this very moment: not before it
    assert set(await closed_before(at)) == {early.case_id, later.case_id}
    (one,) = await closed_before(at, limit=1)
    assert one in {early.case_id, later.case_id}
    assert await closed_before(OPENED) == []


async def test_unassigned_at_lists_the_schools_open_cases_that_nobody_leads(
    backend: Backend,
) -> None:
    nobody, gone = a_case("s-1", responsible=None), a_case("s-2", responsible=None)
    await add(backend, nobody, gone, a_case("s-3"))
    await add(backend, a_case("s-4", responsible=None, school_id="toolo-school"))
    await save(backend, closed(gone))
    assert await backend.transact(lambda unit: unit.cases.unassigned_at("kallio-school")) == [
        nobody.case_id
    ]
    assert await backend.transact(lambda unit: unit.cases.unassigned_at("metsa-school")) == []


async def test_open_at_gives_the_schools_open_cases_oldest_first_without_records(
    backend: Backend,
) -> None:
    later = a_case("s-1", at=OPENED + timedelta(hours=1))
    first, gone = a_case("s-2", at=OPENED), a_case("s-3", at=OPENED)
    await add(backend, later, first, gone, a_case("s-4", school_id="toolo-school"))
    await save(backend, closed(gone))
    found = await backend.transact(lambda unit: unit.cases.open_at("kallio-school"))
    assert [c.case_id for c in found] == [first.case_id, later.case_id]
    assert all(c.record.entries == () for c in found)
    assert await backend.transact(lambda unit: unit.cases.open_at("metsa-school")) == []


async def test_a_students_cases_come_oldest_first_open_or_closed(backend: Backend) -> None:
    oldest = a_case(at=OPENED)
    newest = a_case(at=OPENED + timedelta(days=9), school_id="toolo-school")
    middle = a_case(at=OPENED + timedelta(days=2))
    done = closed(oldest)
    await add(backend, newest, oldest)
    await save(backend, done)
    await add(backend, middle, a_case("student-0002"))
    expected = [done, middle, newest]

    def of_student(with_record: bool = True) -> Awaitable[list[Case]]:
        return backend.transact(
            lambda unit: unit.cases.of_student("student-0001", with_record=with_record)
        )

    assert await of_student() == expected
    assert await of_student(with_record=False) == [replace(c, record=Record()) for c in expected]
    assert await backend.transact(lambda unit: unit.cases.of_student("student-0009")) == []


async def test_a_responsibles_open_cases_come_by_discussion_due_date_without_records(
    backend: Backend,
) -> None:
    routine = a_case("s-1")  # due seven school days on
    urgent = a_case("s-2", urgency=Urgency.URGENT)  # due the next school day
    later = a_case("s-3", urgency=Urgency.URGENT, at=OPENED + timedelta(days=2))
    done = a_case("s-4", urgency=Urgency.URGENT, at=OPENED + timedelta(days=1))
    untimed = replace(a_case("s-6"), discussion_due_on=None)  # no §15 discussion requested
    await add(backend, routine, urgent, later, done, a_case("s-5", responsible=KAISA), untimed)
    await save(backend, closed(done))
    assert urgent.discussion_due_on
    assert later.discussion_due_on
    assert routine.discussion_due_on
    assert urgent.discussion_due_on < later.discussion_due_on < routine.discussion_due_on

    led = await backend.transact(lambda unit: unit.cases.of_responsible(ELIAS.staff_id))
    # A case with no deadline comes first, as the database sorts a null.
    assert led == [replace(c, record=Record()) for c in (untimed, urgent, later, routine)]
    assert await backend.transact(lambda unit: unit.cases.of_responsible("nurse-aino")) == []


async def test_an_erased_case_is_forgotten_and_the_others_stay(backend: Backend) -> None:
    erased, kept = a_case(), a_case("student-0002")
    await add(backend, erased, kept)
    await backend.transact(lambda unit: unit.cases.erase(erased.case_id))
    assert await get(backend, erased) is None
    assert await backend.transact(lambda unit: unit.cases.of_student("student-0001")) == []
    assert await get(backend, kept) == kept
    # The student may have a case at the school again.
    await add(backend, a_case(at=OPENED + timedelta(days=1)))


def a_row(student_ref: str = "student-0001", *, minutes: int = 0) -> LedgerRow:
    return LedgerRow(
        row_id=uuid.uuid4(), student_ref=student_ref, school_id="kallio-school",
        case_id=uuid.uuid4(), to="child-welfare", data=RecordData.CHILD_WELFARE_NOTICE,
        statute=Statute.CHILD_WELFARE_ACT_25, consent_id=None,
        at=OPENED + timedelta(minutes=minutes), by=KAISA.staff_id, by_profession="kuraattori",
    )  # fmt: skip


def entering(row: LedgerRow) -> Callable[[WelfareUnit], Awaitable[None]]:
    return lambda unit: unit.disclosures.enter(row)


async def ledger(backend: Backend, student_ref: str | None = None) -> list[LedgerRow]:
    return await backend.transact(lambda unit: unit.disclosures.search(student_ref=student_ref))


async def test_the_ledger_keeps_each_row_once_newest_first_per_student_or_all(
    backend: Backend,
) -> None:
    first, later, other = a_row(), a_row(minutes=5), a_row("student-0002", minutes=2)
    for row in (first, later, other, first):
        await backend.transact(entering(row))
    assert await ledger(backend) == [later, other, first]
    assert await ledger(backend, "student-0001") == [later, first]
    found = await backend.transact(lambda unit: unit.disclosures.of_student("student-0002"))
    assert found == [other]


async def test_the_ledger_outlives_the_case_it_was_disclosed_from(backend: Backend) -> None:
    case = a_case()
    await add(backend, case)
    disclosed = step.disclose(
        case, to="child-welfare", what="the concern", data=RecordData.WHOLE_RECORD,
        statute=Statute.CHILD_WELFARE_ACT_25, by=KAISA, at=OPENED + timedelta(minutes=5),
    )  # fmt: skip
    (row,) = rows_for(disclosed, disclosed.record.entries)
    await save(backend, disclosed)
    await backend.transact(entering(row))
    await backend.transact(lambda unit: unit.cases.erase(case.case_id))
    assert await get(backend, case) is None
    assert await ledger(backend) == [row]
    assert (row.case_id, row.basis, row.by) == (case.case_id, "417/2007-25", KAISA.staff_id)


async def test_rosters_know_the_schools_put_in_them(backend: Backend) -> None:
    assert await backend.transact(lambda unit: unit.rosters.find("kallio-school")) is None
    empty = Roster("kallio-school", ())
    assert await backend.transact(lambda unit: unit.rosters.get("kallio-school")) == empty
    await backend.put_roster(KALLIO)
    assert await backend.transact(lambda unit: unit.rosters.find("kallio-school")) == KALLIO
    assert await backend.transact(lambda unit: unit.rosters.get("kallio-school")) == KALLIO
    assert await backend.transact(lambda unit: unit.rosters.find("toolo-school")) is None


async def test_the_student_register_gives_the_students_put_in_it(backend: Backend) -> None:
    assert await backend.transact(lambda unit: unit.students.identity("student-0009")) is None
    await backend.put_student(STUDENT)
    assert await backend.transact(lambda unit: unit.students.identity("student-0001")) == STUDENT


async def test_the_student_register_lists_the_students_enrolled_at_a_school(
    backend: Backend,
) -> None:
    at_kallio = [replace(STUDENT, student_ref=f"student-000{n}", school_id="kallio-school")
                 for n in (1, 2)]  # fmt: skip
    at_toolo = replace(STUDENT, student_ref="student-0003", school_id="toolo-school")
    unenrolled = replace(STUDENT, student_ref="student-0004")  # seeded before schools were
    for student in (*at_kallio, at_toolo, unenrolled):
        await backend.put_student(student)
    kallio = await backend.transact(lambda unit: unit.students.at_school("kallio-school"))
    assert sorted(kallio, key=lambda s: s.student_ref) == at_kallio
    assert await backend.transact(lambda unit: unit.students.at_school("toolo-school")) == [
        at_toolo
    ]
    assert await backend.transact(lambda unit: unit.students.at_school("metsa-school")) == []


async def test_a_record_kept_in_several_registers_comes_back_as_it_was(backend: Backend) -> None:
    case = with_group()  # the referral in the county's register, the rest in the welfare one
    await add(backend, case)
    assert {e.register for e in case.record.entries} == {Register.HEALTH_CARE, Register.WELFARE}
    assert await get(backend, case) == case


async def test_rosters_keep_the_working_time_allocated_and_list_every_school(
    backend: Backend,
) -> None:
    part_time = Roster("toolo-school", (KAISA,), students=310, allocated_fte={KAISA.staff_id: 0.4})
    await backend.put_roster(part_time)
    await backend.put_roster(KALLIO)
    assert await backend.transact(lambda unit: unit.rosters.every()) == [KALLIO, part_time]
    kept = await backend.transact(lambda unit: unit.rosters.get("toolo-school"))
    assert (kept.fte_of(KAISA.staff_id), kept.fte_of(ELIAS.staff_id)) == (0.4, 1.0)


async def test_a_school_with_no_breaks_of_its_own_has_only_the_public_holidays(
    backend: Backend,
) -> None:
    calendar = await backend.transact(lambda unit: unit.calendars.of_school("nowhere-school"))
    assert not calendar.is_school_day(date(2026, 12, 24))  # Christmas Eve, a Thursday
    assert not calendar.is_school_day(date(2026, 12, 25))  # Christmas Day, a Friday
    assert not calendar.is_school_day(date(2026, 12, 5))  # a Saturday
    assert calendar.is_school_day(date(2026, 12, 28))  # a Monday, with no break here
    assert calendar.school_day_after(date(2026, 12, 23), 1) == date(2026, 12, 28)


def a_timer(
    case_id: uuid.UUID, kind: TimerKind = TimerKind.DEADLINE_BREACHED, *, fire_in: int = 0,
    stale_in: int | None = None,
) -> Timer:  # fmt: skip
    """A timer firing ``fire_in`` minutes after the case opened."""
    stale_at = OPENED + timedelta(minutes=stale_in) if stale_in is not None else None
    return Timer(case_id, kind, date(2026, 12, 2), OPENED + timedelta(minutes=fire_in), stale_at)


async def due(backend: Backend, minutes: int, limit: int = 10) -> list[Timer]:
    at = OPENED + timedelta(minutes=minutes)
    return await backend.transact(lambda unit: unit.timers.due(at, limit=limit))


async def settle(backend: Backend, timer: Timer, state: TimerState = TimerState.FIRED) -> bool:
    return await backend.transact(lambda unit: unit.timers.settle(timer, state, OPENED))


async def schedule(backend: Backend, *timers: Timer) -> None:
    await backend.transact(lambda unit: unit.timers.schedule(timers))


async def test_a_timer_scheduled_twice_is_kept_once_and_a_settled_one_stays_settled(
    backend: Backend,
) -> None:
    timer = a_timer(uuid.uuid4(), TimerKind.DEADLINE_APPROACHING, stale_in=60)
    await schedule(backend, timer, timer)
    await schedule(backend, timer)
    assert await due(backend, 0) == [timer]
    assert await settle(backend, timer, TimerState.SILENCED)
    await schedule(backend, timer)
    assert await due(backend, 0) == []


async def test_due_timers_are_the_pending_ones_by_the_moment_in_firing_order(
    backend: Backend,
) -> None:
    case_id = uuid.uuid4()
    second, first, third = (
        a_timer(case_id, kind, fire_in=m)
        for kind, m in (
            (TimerKind.DEADLINE_BREACHED, 20),
            (TimerKind.DEADLINE_APPROACHING, 10),
            (TimerKind.FOLLOW_UP_DUE, 30),
        )
    )
    settled = a_timer(uuid.uuid4(), fire_in=5)
    await schedule(backend, second, first, third, settled, a_timer(uuid.uuid4(), fire_in=31))
    assert await settle(backend, settled)
    assert await due(backend, 9) == []
    assert await due(backend, 30) == [first, second, third]  # due by the moment itself
    assert await due(backend, 30, limit=2) == [first, second]


async def test_a_timer_is_settled_once(backend: Backend) -> None:
    timer = a_timer(uuid.uuid4())
    await schedule(backend, timer)
    assert await settle(backend, timer)
    assert not await settle(backend, timer, TimerState.SILENCED)
    assert not await settle(backend, a_timer(uuid.uuid4()))  # never scheduled
    assert await due(backend, 60) == []


async def test_forgetting_a_case_removes_its_timers_fired_or_not(backend: Backend) -> None:
    forgotten, kept = uuid.uuid4(), uuid.uuid4()
    fired = a_timer(forgotten, TimerKind.DEADLINE_APPROACHING)
    pending, other = a_timer(forgotten, fire_in=1), a_timer(kept, fire_in=2)
    await schedule(backend, fired, pending, other)
    assert await settle(backend, fired)
    await backend.transact(lambda unit: unit.timers.forget(forgotten))
    assert await due(backend, 5) == [other]
    await schedule(backend, fired)  # the settled one was forgotten too: it is pending anew
    assert await due(backend, 5) == [fired, other]


async def test_a_failed_transaction_keeps_nothing_and_announces_nothing(
    backend: Backend,
) -> None:
    case, timer = a_case(), a_timer(uuid.uuid4())

    async def work(unit: WelfareUnit) -> None:
        await unit.cases.add(case)
        await unit.timers.schedule([timer])
        await unit.disclosures.enter(a_row())
        unit.emit(case_opened())
        raise _Refused

    with pytest.raises(_Refused):
        await backend.transact(work)
    assert await get(backend, case) is None
    assert await ledger(backend) == []
    assert await due(backend, 60) == []
    assert await caseload(backend) == {}
    assert await backend.pending_events() == 0

    async def announce(unit: WelfareUnit) -> None:
        await unit.cases.add(case)
        unit.emit(case_opened())

    await backend.transact(announce)
    assert await get(backend, case) == case
    assert await backend.pending_events() == 1


async def test_the_student_register_answers_majority_from_a_sealed_date_of_birth(
    backend: Backend,
) -> None:
    await backend.put_student(
        replace(STUDENT, student_ref="student-0003", date_of_birth=date(2008, 3, 1))
    )
    await backend.put_student(
        replace(STUDENT, student_ref="student-0004", date_of_birth=date(2008, 2, 29))
    )
    await backend.put_student(
        replace(STUDENT, student_ref="student-0003", date_of_birth=date(2008, 3, 1))
    )  # seeded again

    async def ages(unit: WelfareUnit) -> list[bool | None]:
        register = unit.students
        return [
            await register.of_age("student-0003", date(2026, 2, 28)),
            await register.of_age("student-0003", date(2026, 3, 1)),
            await register.of_age("student-0004", date(2026, 2, 28)),
            await register.of_age("student-0004", date(2026, 3, 1)),
            await register.of_age("student-9999", date(2026, 3, 1)),
        ]

    assert await backend.transact(ages) == [False, True, False, True, None]
    document = await backend.raw_student("student-0003")
    assert document is None or "2008" not in repr(document)  # sealed: no date in the clear
