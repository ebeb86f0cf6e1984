"""The whole flow with each service in its own process, as in production: a concern raised
over HTTP becomes a case and reaches every person who must know, exactly once, even when
a service is killed between committing its state and publishing its event."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from shared.storage import Store
from tests.factories import raise_concern_request
from tests.support.identity import bearer
from tests.support.infra import Namespace
from tests.support.smtp import SmtpServer
from tests.support.stack import Stack, stack
from tests.support.waiting import eventually

__all__ = ["stack"]  # the fixture, from tests/support

pytestmark = pytest.mark.e2e

# A mental-health concern at the demo school reaches the psychologist (responsible), the
# nurse, and the guardian (email only), as the demo directory says.
EXPECTED_INBOX = {"psychologist-elias": 1, "nurse-aino": 1}
EXPECTED_EMAIL = {
    "psychologist-elias@kallio-school.example": 1,
    "nurse-aino@kallio-school.example": 1,
    "guardian-0001@family.example": 1,
}


TEACHER = bearer("teacher-tiina")


async def _inbox_counts(client: httpx.AsyncClient, stack: Stack) -> dict[str, int]:
    counts = {}
    for person in EXPECTED_INBOX:
        inbox = f"{stack.notifications.url}/people/{person}/inbox"
        items = (await client.get(inbox, headers=bearer(person))).json()
        counts[person] = len(items)
    return counts


def _email_counts(smtp: SmtpServer) -> dict[str, int]:
    counts: dict[str, int] = {}
    for message in smtp.sink.received:
        counts[message["To"]] = counts.get(message["To"], 0) + 1
    return counts


async def test_a_concern_raised_over_http_reaches_the_case_and_everyone_who_must_know(
    stack: Stack, smtp: SmtpServer
) -> None:
    await stack.start()
    async with httpx.AsyncClient() as client:
        started = time.perf_counter()
        response = await client.post(
            f"{stack.intake.url}/concerns", json=raise_concern_request(), headers=TEACHER
        )
        assert response.status_code == 201
        status_url = response.json()["status_url"]

        await eventually(lambda: _email_counts(smtp) == EXPECTED_EMAIL)
        await eventually(lambda: _inbox_counts(client, stack), timeout=5)
        assert await _inbox_counts(client, stack) == EXPECTED_INBOX
        elapsed = time.perf_counter() - started
        print(f"\nconcern to last notification: {elapsed * 1000:.0f} ms")

        cases = (
            await client.get(
                f"{stack.welfare_group.url}/staff/psychologist-elias/cases",
                headers=bearer("psychologist-elias"),
            )
        ).json()
        assert len(cases) == 1
        assert cases[0]["responsible"] == {"staff_id": "psychologist-elias", "role": "psychologist"}

        async def handed_over() -> bool:
            view = (await client.get(status_url, headers=TEACHER)).json()
            return bool(view["status"] == "with_welfare_group")

        await eventually(handed_over, timeout=5)


async def _unpublished(store: Store) -> int:
    return int(await store.collection("outbox").count_documents({"published_at": None}))


async def _all_published(store: Store) -> bool:
    return await _unpublished(store) == 0


async def test_a_service_killed_after_commit_before_publish_recovers_with_one_effect(
    ns: Namespace, stack: Stack, smtp: SmtpServer
) -> None:
    # The relay is off at first, so the case is committed and its event waits in the outbox:
    # exactly the moment between commit and publish at which the service is then killed.
    await stack.intake.start()
    await stack.notifications.start()
    await stack.welfare_group.start(OUTBOX_RELAY_ENABLED="false")
    welfare_db = Store(ns.infra.mongo_uri, ns.database("welfare_group"))
    try:
        async with httpx.AsyncClient() as client:
            response = await client.post(
                f"{stack.intake.url}/concerns", json=raise_concern_request(), headers=TEACHER
            )
            assert response.status_code == 201

        await eventually(lambda: _unpublished(welfare_db))
        assert await welfare_db.collection("cases").count_documents({}) == 1
        assert smtp.sink.received == []
        stack.welfare_group.kill()

        await stack.welfare_group.start(OUTBOX_RELAY_ENABLED="true")
        await eventually(lambda: _email_counts(smtp) == EXPECTED_EMAIL)
        await eventually(lambda: _all_published(welfare_db))
        await asyncio.sleep(1.5)  # anything duplicated would have arrived by now
        assert _email_counts(smtp) == EXPECTED_EMAIL
        async with httpx.AsyncClient() as client:
            assert await _inbox_counts(client, stack) == EXPECTED_INBOX
        assert await welfare_db.collection("cases").count_documents({}) == 1
    finally:
        welfare_db.close()
