"""The welfare group against the real broker and database: concerns become cases."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from services.welfare_group.bootstrap import build
from services.welfare_group.seed import seed
from services.welfare_group.settings import WelfareGroupSettings
from shared.contracts import CaseConcernLinkedV1, CaseOpenedV1
from shared.runtime import ServiceRuntime
from shared.sealing import Unreadable
from shared.storage import DuplicateKeyError
from shared.topics import CASES, CONCERNS
from tests.factories import concern_raised
from tests.support.directory import DEMO
from tests.support.infra import Namespace
from tests.support.kafka import TopicReader, produce_event
from tests.support.waiting import eventually


@pytest.fixture
async def welfare_group(ns: Namespace) -> AsyncIterator[ServiceRuntime]:
    settings = ns.settings(WelfareGroupSettings, "welfare_group")
    assert await seed(DEMO, settings) == 2  # the two schools of the demo directory
    _app, runtime = build(settings)
    async with runtime.lifespan():
        yield runtime


def cases(runtime: ServiceRuntime) -> Any:
    return runtime.store.collection("cases")


async def test_a_concern_opens_a_case_with_a_responsible_professional_and_a_deadline(
    ns: Namespace, welfare_group: ServiceRuntime
) -> None:
    # Monday 23 November 2026, 10:00 in Helsinki: due on the 7th school day, 2 December.
    concern = concern_raised(
        raised_at="2026-11-23T08:00:00Z", categories=["learning", "attendance"]
    )
    await produce_event(ns.infra.bootstrap, ns.topic(CONCERNS.name), concern)

    async with TopicReader(ns.infra.bootstrap, ns.topic(CASES.name)) as reader:
        await reader.read_until(1)
    (opened,) = reader.events()
    assert isinstance(opened, CaseOpenedV1)
    assert opened.causation_id == concern.event_id
    assert opened.correlation_id == concern.correlation_id
    assert opened.data.concern_id == concern.data.concern_id
    assert opened.data.responsible is not None
    assert opened.data.responsible.staff_id == "kuraattori-kaisa"  # attendance outranks learning
    assert opened.data.notify_roles == ["kuraattori", "psychologist", "special_needs_teacher"]
    assert str(opened.data.discussion_due_on) == "2026-12-02"
    stored = await cases(welfare_group).find_one({"_id": str(opened.data.case_id)})
    assert stored["open_for_student"] == "kallio-school/student-0001"  # one per school


async def test_a_further_concern_joins_the_open_case_and_a_redelivery_changes_nothing(
    ns: Namespace, welfare_group: ServiceRuntime
) -> None:
    first = concern_raised(raised_at="2026-11-23T08:00:00Z")
    urgent = concern_raised(raised_at="2026-11-24T08:00:00Z", urgency="urgent",
                            guardian_must_not_be_told_yet=True)  # fmt: skip
    await produce_event(ns.infra.bootstrap, ns.topic(CONCERNS.name), first, times=2)
    await produce_event(ns.infra.bootstrap, ns.topic(CONCERNS.name), urgent, times=2)

    async with TopicReader(ns.infra.bootstrap, ns.topic(CASES.name)) as reader:
        await reader.read_until(2)
        await reader.settle(1.0)
    opened, linked = reader.events()
    assert isinstance(opened, CaseOpenedV1)
    assert isinstance(linked, CaseConcernLinkedV1)
    assert linked.data.case_id == opened.data.case_id
    assert str(linked.data.discussion_due_on) == "2026-11-25"  # urgent: the next working day
    assert await cases(welfare_group).count_documents({}) == 1
    stored = await cases(welfare_group).find_one({})
    assert stored["guardian_may_be_notified"] is False
    assert len(stored["concern_ids"]) == 2
    entries = (
        await welfare_group.store.collection("record_entries").find({}).sort("seq").to_list(None)
    )
    assert [(e["seq"], e["kind"]) for e in entries] == [(0, "case_opened"), (1, "concern_linked")]
    assert entries[0]["author"] == {"staff_id": "teacher-tiina", "profession": "teacher"}
    # Sealed with the key of the entry's register for the case: the referral is in the
    # psychologist's county register, and the case's own key does not open it.
    assert b"mental_health" not in bytes(entries[0]["content"])
    assert entries[0]["register"] == "health_care"
    keys = welfare_group.data_keys()
    sealer = await keys.sealer(f"health_care:{stored['_id']}")
    assert sealer.open(entries[0]["content"])["topic"] == ["mental_health"]
    with pytest.raises(Unreadable):
        (await keys.sealer(stored["_id"])).open(entries[0]["content"])


async def test_the_database_refuses_a_second_open_case_for_a_student(
    ns: Namespace, welfare_group: ServiceRuntime
) -> None:
    await produce_event(ns.infra.bootstrap, ns.topic(CONCERNS.name), concern_raised())
    existing = await eventually(lambda: cases(welfare_group).find_one({}))
    with pytest.raises(DuplicateKeyError):
        await cases(welfare_group).insert_one({**existing, "_id": "another-case"})
    closed = {**existing, "_id": "a-closed-case"}
    del closed["open_for_student"]
    await cases(welfare_group).insert_one(closed)  # closed cases do not count


async def test_the_deadline_skips_the_school_s_own_break(
    ns: Namespace, welfare_group: ServiceRuntime
) -> None:
    # Friday 16 October 2026, before the demo school's autumn break (19-23 October): the
    # 7th school day is Tuesday 3 November, not Tuesday 27 October as without the break.
    concern = concern_raised(raised_at="2026-10-16T08:00:00Z", categories=["learning"])
    await produce_event(ns.infra.bootstrap, ns.topic(CONCERNS.name), concern)

    async with TopicReader(ns.infra.bootstrap, ns.topic(CASES.name)) as reader:
        await reader.read_until(1)
    (opened,) = reader.events()
    assert isinstance(opened, CaseOpenedV1)
    assert str(opened.data.discussion_due_on) == "2026-11-03"
