"""The operations status of each service, against the real broker and database: every part
answered, a stopped consumer's lag in messages and in seconds, a broker that is down shown
as down (200, not 500), and a failed delivery retried sent once however often it is asked.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from deploy.infra import free_port, start_kafka, wait_for_kafka
from services.intake.bootstrap import build as build_intake
from services.intake.settings import IntakeSettings
from services.welfare_group.bootstrap import build as build_welfare_group
from services.welfare_group.settings import WelfareGroupSettings
from shared.contracts import Role
from shared.runtime import ServiceRuntime
from shared.topics import CASES
from tests.factories import case_opened, raise_concern_request
from tests.support.directory import seed_directory
from tests.support.identity import bearer
from tests.support.infra import TOOLS_VENV, Infra, Namespace
from tests.support.kafka import produce_event
from tests.support.notifications import collection, running_notifications
from tests.support.smtp import SmtpServer
from tests.support.waiting import eventually

Service = tuple[FastAPI, ServiceRuntime]
ADMIN = bearer("admin-1", Role.ADMINISTRATOR)
GUARDIAN = "guardian-0001@family.example"


async def call(app: FastAPI, method: str, path: str, **options: Any) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
        return await client.request(method, path, **options)


async def status(service: Service) -> dict[str, Any]:
    answer = await call(service[0], "GET", "/operations/status", headers=ADMIN)
    assert answer.status_code == 200, answer.text
    found: dict[str, Any] = answer.json()
    return found


@pytest.fixture
async def upstream(ns: Namespace) -> AsyncIterator[dict[str, Service]]:
    await seed_directory(ns, "intake", "welfare_group", "notifications")
    intake = build_intake(ns.settings(IntakeSettings, "intake"))
    welfare_group = build_welfare_group(ns.settings(WelfareGroupSettings, "welfare_group"))
    async with AsyncExitStack() as running:
        for _app, runtime in (intake, welfare_group):
            await running.enter_async_context(runtime.lifespan())
        yield {"intake": intake, "welfare_group": welfare_group}


async def raise_concern(intake: Service) -> None:
    teacher = bearer("teacher-tiina")
    answer = await call(intake[0], "POST", "/concerns", json=raise_concern_request(),
                        headers=teacher)  # fmt: skip
    assert answer.status_code == 201, answer.text


def lag_of(found: dict[str, Any], group: str) -> list[dict[str, Any]]:
    return [g for g in found["consumer_groups"] if g["group"] == group and g["topic"] == CASES.name]


async def test_a_stopped_consumers_lag_shows_in_messages_and_seconds(
    ns: Namespace, smtp: SmtpServer, upstream: dict[str, Service]
) -> None:
    intake, welfare_group = upstream["intake"], upstream["welfare_group"]
    async with running_notifications(ns, smtp) as notifications:
        await raise_concern(intake)

        async def caught_up() -> bool:
            rows = lag_of(await status(welfare_group), "notifications")
            return bool(rows) and all(r["lag_messages"] == 0 for r in rows)

        await eventually(caught_up)
        own = await status(notifications)
        assert own["deliveries"] == {"up": True, "failed": 0}

    await raise_concern(intake)  # notifications is stopped: nobody commits what follows

    async def behind() -> list[dict[str, Any]]:
        return [
            r for r in lag_of(await status(welfare_group), "notifications") if r["lag_messages"]
        ]

    rows = await eventually(behind)
    await asyncio.sleep(1.1)
    rows = [r for r in lag_of(await status(welfare_group), "notifications") if r["lag_messages"]]
    assert all(r["lag_seconds"] is not None and r["lag_seconds"] >= 1 for r in rows), rows

    await welfare_group[1].exposure.sampler.sample()  # the sampler fills the hour's counts
    found = await status(welfare_group)
    assert found["service"] == "welfare_group"
    assert found["version"].startswith("0.")
    assert found["database"]["up"] is True
    assert found["database"]["latency_ms"] >= 0
    assert found["broker"] == {"up": True}
    assert found["outbox"]["up"] is True
    assert found["timers"]["up"] is True
    assert found["timers"]["overdue"] == 0
    (published,) = [t for t in found["throughput"]
                    if t["topic"] == CASES.name and t["direction"] == "published"]  # fmt: skip
    assert len(published["per_minute"]) == 60
    assert sum(published["per_minute"]) >= 2
    # Counts and identifiers only: no concern's words, no name.
    assert "kallio" not in str(found).lower()


async def test_only_the_administrator_reads_the_status(upstream: dict[str, Service]) -> None:
    answer = await call(upstream["intake"][0], "GET", "/operations/status",
                        headers=bearer("teacher-tiina"))  # fmt: skip
    assert answer.status_code == 403


@pytest.fixture
async def own_broker(ns: Namespace, tmp_path: Path) -> AsyncIterator[tuple[Namespace, Any]]:
    kafka = start_kafka(TOOLS_VENV, free_port(), tmp_path)
    own = Infra(kafka, ns.infra.mongo, f"127.0.0.1:{kafka.port}", ns.infra.mongo_uri)
    try:
        await wait_for_kafka(own.bootstrap, process=kafka)
        yield replace(ns, infra=own), kafka
    finally:
        kafka.stop()


async def test_a_broker_that_is_down_shows_as_down_not_as_an_error(
    own_broker: tuple[Namespace, Any],
) -> None:
    ns, kafka = own_broker
    await seed_directory(ns, "intake")
    app, runtime = build_intake(ns.settings(IntakeSettings, "intake"))
    async with runtime.lifespan():
        before = await status((app, runtime))
        assert before["broker"] == {"up": True}
        kafka.stop()
        answer = await call(app, "GET", "/operations/status", headers=ADMIN)
        assert answer.status_code == 200
        found = answer.json()
        assert found["broker"]["up"] is False
        assert found["broker"]["error"]
        assert found["database"]["up"] is True
        assert found["outbox"]["up"] is True


async def test_a_failed_delivery_retried_is_sent_once_and_a_second_retry_does_nothing(
    ns: Namespace, smtp: SmtpServer
) -> None:
    smtp.sink.refuse_with = "550 5.1.1 mailbox unavailable"
    async with running_notifications(ns, smtp) as (app, runtime):
        await produce_event(ns.infra.bootstrap, ns.topic(CASES.name), case_opened())
        deliveries = collection(runtime, "deliveries")

        async def failed() -> dict[str, Any] | None:
            found: dict[str, Any] | None = await deliveries.find_one(
                {"status": "failed", "channel": "email", "person_id": "guardian-0001"}
            )
            return found

        delivery = await eventually(failed)
        smtp.sink.refuse_with = None  # the address was fixed, say
        path = f"/deliveries/{delivery['_id']}/retry"
        first = await call(app, "POST", path, json={"reason": "address fixed"}, headers=ADMIN)
        second = await call(app, "POST", path, json={}, headers=ADMIN)
        assert first.status_code == second.status_code == 202
        assert first.json()["requeued"] is True
        assert second.json()["requeued"] is False

        await eventually(lambda: smtp.sink.to(GUARDIAN))

        async def marked_sent() -> bool:
            # The message reaches the mail server a moment before its receipt is recorded.
            kept = await deliveries.find_one({"_id": delivery["_id"]})
            return bool(kept and kept["status"] == "sent")

        await eventually(marked_sent)
        third = await call(app, "POST", path, headers=ADMIN)
        await asyncio.sleep(1.0)
        assert len(smtp.sink.to(GUARDIAN)) == 1
        assert third.json() == {"notification_id": delivery["_id"], "requeued": False,
                                "status": "sent"}  # fmt: skip
        kept = await deliveries.find_one({"_id": delivery["_id"]})
        assert [(r["by"], r["why"]) for r in kept["retries"]] == [("admin-1", "address fixed")]
        unknown = await call(app, "POST", f"/deliveries/{'0' * 8}-0000-4000-8000-{'0' * 12}/retry",
                             headers=ADMIN)  # fmt: skip
        assert unknown.status_code == 404
        still_failed = await deliveries.count_documents({"status": "failed"})  # others, maybe
        assert (await status((app, runtime)))["deliveries"] == {"up": True, "failed": still_failed}
