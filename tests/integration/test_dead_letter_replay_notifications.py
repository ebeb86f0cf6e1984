"""A dead-lettered event replayed after its fix, in the real notifications service: its
effects (deliveries, inbox items, emails in the mail catcher) happen exactly once, even
when it is replayed again."""

from __future__ import annotations

from functools import partial
from typing import Any

import httpx
import pytest

from services.notifications.entrypoints import subscribers
from services.notifications.service_layer.cases import case_opened as take_up_case
from services.notifications.service_layer.telling import Planning
from services.notifications.service_layer.unit_of_work import NotificationsUnit
from shared.contracts import CaseOpenedV1, Role
from shared.runtime import ServiceRuntime
from shared.topics import CASES
from tests.factories import case_opened
from tests.support.identity import bearer
from tests.support.infra import Namespace
from tests.support.kafka import produce_event
from tests.support.notifications import collection, running_notifications
from tests.support.smtp import SmtpServer
from tests.support.waiting import eventually

ADMIN = bearer("admin-1", Role.ADMINISTRATOR)
EMAILS, INBOX = 3, 2  # a mental-health case in the demo directory (test_notifications_service)


async def test_a_replayed_case_event_is_told_exactly_once_after_the_fix(
    ns: Namespace, smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    fixed = False

    async def buggy(event: CaseOpenedV1, unit: NotificationsUnit, planning: Planning) -> None:
        if not fixed:
            raise RuntimeError("a bug in telling about a case, fixed in the next release")
        await take_up_case(event, unit, planning)

    planned: dict[Any, Any] = subscribers._PLANNED
    monkeypatch.setitem(planned, CaseOpenedV1, buggy)  # built into the service below
    event = case_opened()
    async with running_notifications(
        ns, smtp, consumer_max_attempts=2, consumer_retry_backoff_s=0.01
    ) as (app, runtime):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://n") as http:
            await produce_event(ns.infra.bootstrap, ns.topic(CASES.name), event)
            listed = await eventually(lambda: _listing(http, event_type="case.opened"))
            (entry,) = listed["entries"]
            assert (entry["reason"], entry["event_id"]) == ("handler_failed", str(event.event_id))
            assert await _effects(runtime, smtp) == (0, 0, 0)
            fixed = True

            for attempt, outcome in ((1, "processed"), (2, "already_processed")):
                answer = await http.post(
                    "/dead-letters/replay",
                    json={"ids": [entry["id"]], "reason": "the fix is deployed"},
                    headers=ADMIN,
                )
                assert answer.status_code == 202, answer.text
                assert await eventually(partial(_outcome, http, entry["id"], attempt)) == outcome
                await eventually(lambda: len(smtp.sink.received) >= EMAILS)
                assert await _effects(runtime, smtp) == (EMAILS + INBOX, INBOX, EMAILS)


async def _listing(http: httpx.AsyncClient, **query: str) -> dict[str, Any] | None:
    answer = (await http.get("/dead-letters", params=query, headers=ADMIN)).json()
    return answer if answer["total"] else None


async def _outcome(http: httpx.AsyncClient, entry_id: str, attempt: int) -> str | None:
    entry = (await http.get(f"/dead-letters/{entry_id}", headers=ADMIN)).json()
    done = [a["outcome"] for a in entry["attempts"] if a["n"] == attempt]
    return done[0] if done and done[0] != "pending" else None


async def _effects(runtime: ServiceRuntime, smtp: SmtpServer) -> tuple[int, int, int]:
    """Deliveries planned, inbox items, emails in the mail catcher."""
    deliveries = await collection(runtime, "deliveries").count_documents({})
    inbox = await collection(runtime, "inbox").count_documents({})
    return int(deliveries), int(inbox), len(smtp.sink.received)
