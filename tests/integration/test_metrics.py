"""The metrics move as events flow, against the real broker and database: a concern raised
over HTTP is counted where it is published and consumed, the outboxes empty, deliveries
are counted by channel, and the lag of a stopped consumer's group grows and drains."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack

import httpx
import pytest
from fastapi import FastAPI

from deploy.infra import free_port
from services.intake.bootstrap import build as build_intake
from services.intake.settings import IntakeSettings
from services.welfare_group.bootstrap import build as build_welfare_group
from services.welfare_group.settings import WelfareGroupSettings
from shared.runtime import ServiceRuntime
from shared.topics import CASES, CONCERNS
from tests.factories import raise_concern_request
from tests.support.directory import seed_directory
from tests.support.identity import bearer
from tests.support.infra import Namespace
from tests.support.kafka import produce
from tests.support.metrics import Samples, looks_like_an_id, scrape, seeded_ids, total
from tests.support.notifications import running_notifications
from tests.support.smtp import SmtpServer
from tests.support.waiting import eventually

Service = tuple[FastAPI, ServiceRuntime]
TEACHER = bearer("teacher-tiina")


@pytest.fixture
async def upstream(ns: Namespace) -> AsyncIterator[dict[str, Service]]:
    """Intake and the welfare group in this process (notifications is started by each test,
    so that it can be stopped)."""
    await seed_directory(ns, "intake", "welfare_group", "notifications")
    intake = build_intake(ns.settings(IntakeSettings, "intake"))
    welfare_group = build_welfare_group(ns.settings(WelfareGroupSettings, "welfare_group"))
    async with AsyncExitStack() as running:
        for _app, runtime in (intake, welfare_group):
            await running.enter_async_context(runtime.lifespan())
        yield {"intake": intake, "welfare_group": welfare_group}


async def sampled(service: Service) -> Samples:
    """The metrics right after a sampling (the services sample every 15 s by themselves)."""
    await service[1].exposure.sampler.sample()
    return await scrape(service[0])


async def raise_concern(intake: Service) -> None:
    transport = httpx.ASGITransport(app=intake[0])
    async with httpx.AsyncClient(transport=transport, base_url="http://intake") as client:
        response = await client.post("/concerns", json=raise_concern_request(), headers=TEACHER)
    assert response.status_code == 201, response.text


def lag(samples: Samples, group: str) -> float:
    return total(samples, "welfare_consumer_lag", group=group, topic=CASES.name)


async def test_a_concern_moves_the_counters_and_the_outboxes_empty(
    ns: Namespace, smtp: SmtpServer, upstream: dict[str, Service]
) -> None:
    intake, welfare_group = upstream["intake"], upstream["welfare_group"]
    async with running_notifications(ns, smtp) as notifications:
        await raise_concern(intake)

        async def delivered() -> Samples | None:
            samples = await scrape(notifications[0])
            sent = total(samples, "welfare_deliveries_total", channel="email", outcome="sent")
            return samples if sent >= 3 else None  # the psychologist, the nurse, the guardian

        samples = await eventually(delivered)
        assert total(samples, "welfare_deliveries_total", channel="inbox", outcome="sent") >= 2
        assert total(samples, "faststream_received_messages_total", handler=ns.topic(CASES.name))

        upstream_samples = await scrape(intake[0])
        assert total(
            upstream_samples, "http_requests_total", route="/concerns", method="POST", status="201"
        )
        assert total(
            upstream_samples,
            "faststream_published_messages_total",
            destination=ns.topic(CONCERNS.name),
            status="success",
        )
        wg = await sampled(welfare_group)
        assert total(wg, "faststream_received_messages_total", handler=ns.topic(CONCERNS.name))
        assert total(wg, "welfare_events_published_total", topic=CASES.name, type="case.opened")
        assert total(wg, "welfare_cases", status="opened") == 1
        assert total(wg, "welfare_timers_overdue") == 0

        for service in (intake, welfare_group, notifications):

            async def emptied(service: Service = service) -> bool:
                samples = await sampled(service)
                return total(samples, "welfare_outbox_backlog") == 0

            await eventually(emptied)
        everything = [await sampled(s) for s in (intake, welfare_group, notifications)]
    seeded = seeded_ids()
    for samples in everything:
        for name, labels, _value in samples:
            for value in labels.values():
                assert not looks_like_an_id(value, seeded), f"{name} has {labels}"


async def test_a_dead_letter_is_counted_by_topic_and_reason(
    ns: Namespace, upstream: dict[str, Service]
) -> None:
    welfare_group = upstream["welfare_group"]
    await produce(ns.infra.bootstrap, ns.topic(CONCERNS.name), b"{not json", key=b"k")

    async def counted() -> float:
        samples = await scrape(welfare_group[0])
        return total(
            samples, "welfare_dead_letters_total", topic=CONCERNS.name, reason="malformed_json"
        )

    assert await eventually(counted) == 1


async def test_lag_grows_while_a_consumer_is_stopped_and_drains_when_it_resumes(
    ns: Namespace, smtp: SmtpServer, upstream: dict[str, Service]
) -> None:
    intake, welfare_group = upstream["intake"], upstream["welfare_group"]
    async with running_notifications(ns, smtp):
        await raise_concern(intake)

        async def caught_up() -> bool:
            samples = await sampled(welfare_group)
            return (
                lag(samples, "notifications") == 0
                and total(samples, "welfare_events_published_total", topic=CASES.name) > 0
            )

        await eventually(caught_up)

    # Notifications stopped: the welfare group goes on publishing, nobody commits.
    await raise_concern(intake)

    async def behind() -> float:
        return lag(await sampled(welfare_group), "notifications")

    assert await eventually(behind) > 0

    async with running_notifications(ns, smtp):

        async def drained() -> bool:
            return lag(await sampled(welfare_group), "notifications") == 0

        await eventually(drained, timeout=30)


async def test_the_metrics_listen_on_their_own_port_behind_a_token(ns: Namespace) -> None:
    port = free_port()
    settings = ns.settings(
        IntakeSettings, "intake", metrics_port=port, metrics_token="scrape-secret"
    )
    app, runtime = build_intake(settings)
    async with runtime.lifespan(), httpx.AsyncClient() as client:
        url = f"http://127.0.0.1:{port}/metrics"
        assert (await client.get(url)).status_code == 401
        wrong = await client.get(url, headers={"Authorization": "Bearer guess"})
        assert wrong.status_code == 401
        right = await client.get(url, headers={"Authorization": "Bearer scrape-secret"})
        assert right.status_code == 200
        assert "welfare_outbox_backlog" in right.text
        # ...and not on the app's own port, where it would be as public as the API.
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://intake") as api:
            assert (await api.get("/metrics")).status_code == 404
