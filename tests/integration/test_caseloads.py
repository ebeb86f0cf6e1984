"""The counters beside the cases (caseloads, cases by status) follow every write of a case,
in its transaction, and can be rebuilt."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable, Coroutine
from datetime import UTC, date, datetime
from typing import Any

import pytest

from services.welfare_group.adapters.case_counts import CASE_COUNTS, CaseCounts
from services.welfare_group.adapters.caseloads import CASELOADS, Caseloads
from services.welfare_group.adapters.cases import CaseRepository
from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.case_intake import open_case
from services.welfare_group.domain.lifecycle.group_work import close
from services.welfare_group.settings import WelfareGroupSettings
from shared.contracts import ConcernCategory, Role, StaffMember, Urgency
from shared.folded_counters import folding
from shared.storage import Session, Store
from tests.support.identity import data_keys
from tests.support.infra import Namespace

ELIAS = StaffMember("psychologist-elias", Role.PSYCHOLOGIST)
KAISA = StaffMember("kuraattori-kaisa", Role.KURAATTORI)
TEACHER = StaffMember("teacher-tiina", Role.TEACHER)
NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


def opened(student_ref: str, responsible: StaffMember) -> Case:
    return open_case(
        concern_id=uuid.uuid4(), student_ref=student_ref, school_id="kallio-school",
        categories=[ConcernCategory.LEARNING], urgency=Urgency.ROUTINE,
        guardian_must_not_be_told_yet=False, responsible=responsible, raised_by=TEACHER,
        requested_on=date(2026, 11, 23), calendar=SchoolCalendar(), now=NOW,
    )  # fmt: skip


class Stored:
    """The welfare group's cases in a database of the test's own, each write in its own
    transaction, as the service makes them."""

    def __init__(self, ns: Namespace) -> None:
        settings = ns.settings(WelfareGroupSettings, "welfare_group")
        self.store = Store.from_settings(settings)
        self.keys = data_keys(settings, self.store)
        self.cases = CaseRepository(self.store, self.keys)

    def bound(self, session: Session) -> CaseRepository:
        return CaseRepository(self.store, self.keys, session)

    async def add(self, *cases: Case) -> None:
        for case in cases:

            async def add(session: Session, case: Case = case) -> None:
                await self.bound(session).add(case)

            await self.store.in_transaction(add)

    async def save(self, case: Case) -> None:
        await self.store.in_transaction(lambda session: self.bound(session).save(case))

    async def erase(self, case: Case) -> None:
        await self.store.in_transaction(lambda session: self.bound(session).erase(case.case_id))


@pytest.fixture
async def stored(ns: Namespace) -> AsyncIterator[Stored]:
    stored = Stored(ns)
    try:
        await stored.cases.ensure_indexes()
        yield stored
    finally:
        await stored.store.drop()
        stored.store.close()


async def test_caseloads_count_open_cases_through_opening_closing_erasure_and_a_rebuild(
    stored: Stored,
) -> None:
    cases = stored.cases
    first, second, third = opened("s-1", ELIAS), opened("s-2", ELIAS), opened("s-3", KAISA)
    await stored.add(first, second, third)
    assert await cases.open_caseload("kallio-school") == {ELIAS.staff_id: 2, KAISA.staff_id: 1}

    await stored.save(close(first, reason="supported", by=TEACHER, at=NOW))
    await stored.erase(third)
    assert await cases.open_caseload("kallio-school") == {ELIAS.staff_id: 1}
    assert await cases.open_caseload("another-school") == {}

    # A database from before the counters: they are counted once from the cases.
    await stored.store.collection(CASELOADS).drop()
    await cases.ensure_indexes()
    assert await cases.open_caseload("kallio-school") == {ELIAS.staff_id: 1}


class RolledBack(Exception):
    pass


async def test_cases_by_status_follow_each_write_only_when_its_transaction_commits(
    stored: Stored,
) -> None:
    counts = CaseCounts(stored.store)
    assert await counts.by_status() == {}
    opened_ones = [opened(f"s-{n}", ELIAS) for n in range(5)]
    await stored.add(*opened_ones)
    await stored.save(close(opened_ones[0], reason="supported", by=TEACHER, at=NOW))
    await stored.erase(opened_ones[1])
    assert await counts.by_status() == {"opened": 3, "closed": 1}

    async def close_then_fail(session: Session) -> None:
        again = close(opened_ones[2], reason="supported", by=TEACHER, at=NOW)
        await stored.bound(session).save(again)
        raise RolledBack

    with pytest.raises(RolledBack):
        await stored.store.in_transaction(close_then_fail)
    assert await counts.by_status() == {"opened": 3, "closed": 1}

    # A database from before the counters: counted once from the cases, then kept.
    await stored.store.collection(CASE_COUNTS).drop()
    await stored.cases.ensure_indexes()
    assert await counts.by_status() == {"opened": 3, "closed": 1}
    await stored.cases.ensure_indexes()  # a second start counts nothing twice
    assert await counts.by_status() == {"opened": 3, "closed": 1}


async def test_two_transactions_opening_cases_for_one_person_at_once_do_not_conflict(
    stored: Stored,
) -> None:
    """What two replicas do: both write a case for the same holder before either commits.
    With the counters moved by ``$inc`` the second write conflicted and was rolled back."""
    await stored.add(opened("s-0", KAISA))  # the collections exist, as they do in service
    written = {"a": asyncio.Event(), "b": asyncio.Event()}

    def opening(
        mine: str, theirs: str, case: Case
    ) -> Callable[[Session], Coroutine[Any, Any, None]]:
        async def work(session: Session) -> None:
            await stored.bound(session).add(case)
            written[mine].set()
            await asyncio.wait_for(written[theirs].wait(), 10)

        return work

    first, second = opened("s-1", ELIAS), opened("s-2", ELIAS)
    await asyncio.gather(  # not retried: a write conflict would raise here
        stored.store.in_transaction(opening("a", "b", first), retried=False),
        stored.store.in_transaction(opening("b", "a", second), retried=False),
    )
    caseload = await stored.cases.open_caseload("kallio-school")
    assert caseload == {ELIAS.staff_id: 2, KAISA.staff_id: 1}
    assert await CaseCounts(stored.store).by_status() == {"opened": 3}


async def test_folding_moves_keeps_every_count_once_even_when_two_replicas_fold_at_once(
    stored: Stored,
) -> None:
    cases = stored.cases
    loads, counts = Caseloads(stored.store), CaseCounts(stored.store)
    opened_ones = [opened(f"s-{n}", ELIAS if n % 3 else KAISA) for n in range(12)]
    await stored.add(*opened_ones)
    await stored.save(close(opened_ones[1], reason="supported", by=TEACHER, at=NOW))

    step = folding(loads.counters, counts.counters)
    await asyncio.gather(step(), step(), step())  # three replicas' pumps at one moment
    assert await cases.open_caseload("kallio-school") == {ELIAS.staff_id: 7, KAISA.staff_id: 4}
    assert await counts.by_status() == {"opened": 11, "closed": 1}
    moves = {"folds_into": {"$exists": True}}
    for name in (CASELOADS, CASE_COUNTS):
        assert await stored.store.collection(name).count_documents(moves) == 0
    # The totals are the folded moves: folding again with none waiting changes nothing.
    assert await step() is False
    assert await cases.open_caseload("kallio-school") == {ELIAS.staff_id: 7, KAISA.staff_id: 4}
