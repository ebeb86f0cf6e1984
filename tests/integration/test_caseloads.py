"""The counters beside the cases (caseloads, cases by status) follow every write of a case,
in its transaction, and can be rebuilt."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from services.welfare_group.adapters.case_counts import CASE_COUNTS, CaseCounts
from services.welfare_group.adapters.caseloads import CASELOADS
from services.welfare_group.adapters.cases import CaseRepository
from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.case_intake import open_case
from services.welfare_group.domain.lifecycle.group_work import close
from services.welfare_group.settings import WelfareGroupSettings
from shared.contracts import ConcernCategory, Role, StaffMember, Urgency
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


async def test_caseloads_count_open_cases_through_opening_closing_erasure_and_a_rebuild(
    ns: Namespace,
) -> None:
    settings = ns.settings(WelfareGroupSettings, "welfare_group")
    store = Store.from_settings(settings)
    keys = data_keys(settings, store)
    cases = CaseRepository(store, keys)
    try:
        await cases.ensure_indexes()
        first, second, third = opened("s-1", ELIAS), opened("s-2", ELIAS), opened("s-3", KAISA)
        for case in (first, second, third):

            async def add(session: Session, case: Case = case) -> None:
                await CaseRepository(store, keys, session).add(case)

            await store.in_transaction(add)
        assert await cases.open_caseload("kallio-school") == {ELIAS.staff_id: 2, KAISA.staff_id: 1}

        done = close(first, reason="supported", by=TEACHER, at=NOW)
        await store.in_transaction(lambda session: CaseRepository(store, keys, session).save(done))
        await store.in_transaction(
            lambda session: CaseRepository(store, keys, session).erase(third.case_id)
        )
        assert await cases.open_caseload("kallio-school") == {ELIAS.staff_id: 1}
        assert await cases.open_caseload("another-school") == {}

        # A database from before the counters: they are counted once from the cases.
        await store.collection(CASELOADS).drop()
        await cases.ensure_indexes()
        assert await cases.open_caseload("kallio-school") == {ELIAS.staff_id: 1}
    finally:
        await store.drop()
        store.close()


class RolledBack(Exception):
    pass


async def test_cases_by_status_follow_each_write_only_when_its_transaction_commits(
    ns: Namespace,
) -> None:
    settings = ns.settings(WelfareGroupSettings, "welfare_group")
    store = Store.from_settings(settings)
    keys = data_keys(settings, store)
    cases, counts = CaseRepository(store, keys), CaseCounts(store)
    try:
        await cases.ensure_indexes()
        assert await counts.by_status() == {}
        opened_ones = [opened(f"s-{n}", ELIAS) for n in range(5)]
        for case in opened_ones:

            async def add(session: Session, case: Case = case) -> None:
                await CaseRepository(store, keys, session).add(case)

            await store.in_transaction(add)
        done = close(opened_ones[0], reason="supported", by=TEACHER, at=NOW)
        await store.in_transaction(lambda session: CaseRepository(store, keys, session).save(done))
        await store.in_transaction(
            lambda session: CaseRepository(store, keys, session).erase(opened_ones[1].case_id)
        )
        assert await counts.by_status() == {"opened": 3, "closed": 1}

        async def close_then_fail(session: Session) -> None:
            again = close(opened_ones[2], reason="supported", by=TEACHER, at=NOW)
            await CaseRepository(store, keys, session).save(again)
            raise RolledBack

        with pytest.raises(RolledBack):
            await store.in_transaction(close_then_fail)
        assert await counts.by_status() == {"opened": 3, "closed": 1}

        # A database from before the counters: counted once from the cases, then kept.
        await store.collection(CASE_COUNTS).drop()
        await cases.ensure_indexes()
        assert await counts.by_status() == {"opened": 3, "closed": 1}
        await cases.ensure_indexes()  # a second start counts nothing twice
        assert await counts.by_status() == {"opened": 3, "closed": 1}
    finally:
        await store.drop()
        store.close()
