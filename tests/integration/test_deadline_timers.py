"""The durable timer against the real database and broker: two replicas, a restart between.

Cases are opened in the past, so their §15 deadlines have passed and their follow-up
reviews are due: each breach must be announced once, each review reminder once, and each
reminder that would come after its deadline already passed must stay silent.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from services.welfare_group.adapters.timers import TimerRepository
from services.welfare_group.adapters.unit_of_work import MongoWelfareUnit
from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.case_intake import open_case
from services.welfare_group.domain.group import Measure, MeasureKind
from services.welfare_group.service_layer.deadlines import schedule_deadlines
from services.welfare_group.settings import WelfareGroupSettings
from services.welfare_group.workers.deadline_clock import DeadlineClock
from shared.contracts import (
    ConcernCategory,
    DeadlineBreachedV1,
    FollowUpDueV1,
    Role,
    StaffMember,
    Urgency,
    decode_event,
)
from shared.outbox import OUTBOX, Outbox
from shared.pump import Pump
from shared.storage import Store
from shared.unit_of_work import Transactor
from tests.support.identity import data_keys
from tests.support.infra import Namespace
from tests.support.waiting import eventually

HELSINKI = ZoneInfo("Europe/Helsinki")
LAST_TERM = datetime(2026, 9, 7, 9, tzinfo=UTC)  # a Monday, long before these tests run
RESPONSIBLE = StaffMember("psychologist-elias", Role.PSYCHOLOGIST)


def overdue_case(n: int, *, with_review: bool) -> Case:
    case = open_case(
        concern_id=uuid.uuid4(),
        student_ref=f"student-{n:04d}",
        school_id="kallio-school",
        categories=[ConcernCategory.MENTAL_HEALTH],
        urgency=Urgency.ROUTINE,
        guardian_must_not_be_told_yet=False,
        responsible=RESPONSIBLE,
        raised_by=StaffMember("teacher-tiina", Role.TEACHER),
        requested_on=LAST_TERM.date(),
        calendar=SchoolCalendar(),
        now=LAST_TERM,
    )
    if not with_review:
        return case
    review = Measure(
        uuid.uuid4(), MeasureKind.SUPPORT_DISCUSSIONS, "weekly talks",
        "psychologist-elias", "nurse-aino", date(2026, 10, 1),
    )  # fmt: skip
    return replace(case, measures=(review,))


async def open_cases(settings: WelfareGroupSettings, cases: list[Case]) -> None:
    """Store cases and their timers as the service would, with no service running."""
    store = Store(settings.mongodb_uri.get_secret_value(), settings.mongodb_database)
    keys = data_keys(settings, store)
    transact = Transactor(store, Outbox(store), lambda s: MongoWelfareUnit(s, store, keys))
    try:
        for case in cases:

            async def add(unit: MongoWelfareUnit, case: Case = case) -> None:
                await unit.cases.add(case)
                await schedule_deadlines(case, unit, HELSINKI)

            await transact(add)
    finally:
        store.close()


@pytest.fixture
def settings(ns: Namespace) -> WelfareGroupSettings:
    return ns.settings(WelfareGroupSettings, "welfare_group")


@asynccontextmanager
async def replica(settings: WelfareGroupSettings) -> AsyncIterator[None]:
    """One replica's clock, wired as the bootstrap wires it, with its own connection.

    The whole service is not started here: its Kafka consumer has nothing to do with
    timers, and Tansu cannot regroup consumers once the group's leader has left (a Tansu
    fault, noted in the README), which a restart of two replicas would run into.
    """
    store = Store(settings.mongodb_uri.get_secret_value(), settings.mongodb_database)
    keys = data_keys(settings, store)
    clock = DeadlineClock(
        TimerRepository(store),
        Transactor(store, Outbox(store), lambda s: MongoWelfareUnit(s, store, keys)),
    )
    pump = Pump("deadline-timers", clock.fire_due, interval_s=0.05)
    pump.start()
    try:
        yield
    finally:
        await pump.stop()
        store.close()


async def settled_as(settings: WelfareGroupSettings, expected: dict[str, int]) -> bool:
    """True once the timers' states are as expected; a state beyond it fails at once."""
    store = Store(settings.mongodb_uri.get_secret_value(), settings.mongodb_database)
    try:
        states = store.collection("timers").find({}, {"kind": 1, "state": 1})
        counts = Counter([f"{d['kind']}:{d['state']}" async for d in states])
    finally:
        store.close()
    assert all(counts[k] <= expected.get(k, 0) for k in counts if not k.endswith(":pending")), (
        counts
    )
    return counts == Counter(expected)


async def outbox_events(settings: WelfareGroupSettings) -> dict[uuid.UUID, Any]:
    """Every event the timers put in the outbox, by event id: what the relay will publish."""
    store = Store(settings.mongodb_uri.get_secret_value(), settings.mongodb_database)
    try:
        documents = store.collection(OUTBOX).find({})
        events = [decode_event(d["value"]) async for d in documents]
    finally:
        store.close()
    return {e.event_id: e for e in events if isinstance(e, DeadlineBreachedV1 | FollowUpDueV1)}


async def test_two_replicas_fire_each_timer_once_and_catch_up_after_a_restart(
    settings: WelfareGroupSettings,
) -> None:
    async with replica(settings), replica(settings):
        await open_cases(settings, [overdue_case(n, with_review=n % 2 == 0) for n in range(20)])

        first_round = {
            "deadline.approaching:silenced": 20,  # its deadline had passed: too late to remind
            "deadline.breached:fired": 20,
            "follow_up.due:fired": 10,
        }
        await eventually(lambda: settled_as(settings, first_round), timeout=30)

    # Both replicas are down while more timers fall due; then both come back.
    await open_cases(settings, [overdue_case(n, with_review=True) for n in range(20, 30)])
    async with replica(settings), replica(settings):
        caught_up = {
            "deadline.approaching:silenced": 30,
            "deadline.breached:fired": 30,
            "follow_up.due:fired": 20,
        }
        await eventually(lambda: settled_as(settings, caught_up), timeout=30)

    fired = await outbox_events(settings)
    assert len(fired) == 50
    per_timer = Counter(e.data.timer_id for e in fired.values())
    assert len(per_timer) == 50
    assert set(per_timer.values()) == {1}
    assert Counter(type(e).__name__ for e in fired.values()) == {
        "DeadlineBreachedV1": 30,
        "FollowUpDueV1": 20,
    }
    breach = next(e for e in fired.values() if isinstance(e, DeadlineBreachedV1))
    assert breach.data.responsible is not None
    assert breach.data.responsible.staff_id == "psychologist-elias"
    assert breach.data.due_on == date(2026, 9, 16)  # the 7th school day after 7 September
