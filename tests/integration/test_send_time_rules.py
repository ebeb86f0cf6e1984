"""What may be sent is decided again when it is sent: a §18 bar stops a message already
planned, a failure for good reaches the responsible person, and the administrator sees it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from shared.runtime import ServiceRuntime
from shared.security import Role
from shared.topics import CASES
from tests.factories import case_opened, step_recorded
from tests.support.identity import bearer
from tests.support.infra import Namespace
from tests.support.kafka import produce_event
from tests.support.notifications import collection, running_notifications
from tests.support.smtp import SmtpServer
from tests.support.waiting import eventually

GUARDIAN = "guardian-0001@family.example"


@pytest.fixture
async def patient(ns: Namespace, smtp: SmtpServer) -> AsyncIterator[tuple[ServiceRuntime, Any]]:
    """Notifications that keep retrying a busy mail server for long enough to change a case."""
    slow = {"delivery_retry_backoff_s": 0.1, "delivery_max_attempts": 40}
    async with running_notifications(ns, smtp, **slow) as (app, runtime):
        yield runtime, app


async def test_a_bar_on_the_guardian_stops_a_message_already_planned_for_them(
    ns: Namespace, patient: tuple[ServiceRuntime, Any], smtp: SmtpServer
) -> None:
    runtime, _app = patient
    smtp.sink.refuse_with = "451 4.3.2 try again later"  # every email waits in retry
    opened = case_opened()
    await produce_event(ns.infra.bootstrap, ns.topic(CASES.name), opened)
    deliveries = collection(runtime, "deliveries")
    await eventually(lambda: deliveries.count_documents({"attempts": {"$gte": 1}}))

    barred = step_recorded("guardian_barred", case_id=opened.data.case_id,
                           status="opened", guardian_may_be_notified=False)  # fmt: skip
    await produce_event(ns.infra.bootstrap, ns.topic(CASES.name), barred)
    states = collection(runtime, "case_states")
    bar_known = {"_id": str(opened.data.case_id), "guardian_may_be_notified": False}
    await eventually(lambda: states.count_documents(bar_known))
    smtp.sink.refuse_with = None

    await eventually(lambda: len(smtp.sink.received) >= 2, timeout=20)
    guardian = await eventually(lambda: deliveries.find_one({"status": "withheld"}), timeout=30)
    assert guardian["person_id"] == "guardian-0001"
    assert guardian["last_error"] == "guardian_barred"
    assert smtp.sink.to(GUARDIAN) == []
    assert {m["To"] for m in smtp.sink.received} == {
        "psychologist-elias@kallio-school.example",
        "nurse-aino@kallio-school.example",
    }


async def test_a_failure_for_good_reaches_the_responsible_person_and_the_administrator(
    ns: Namespace, patient: tuple[ServiceRuntime, Any], smtp: SmtpServer
) -> None:
    _runtime, app = patient
    smtp.sink.refuse_with = "550 5.1.1 mailbox unavailable"
    await produce_event(ns.infra.bootstrap, ns.topic(CASES.name), case_opened())

    transport = httpx.ASGITransport(app=app)
    elias = bearer("psychologist-elias")
    async with httpx.AsyncClient(
        transport=transport, base_url="http://notifications", headers=elias
    ) as client:

        async def failed() -> list[dict[str, str]]:
            admin = bearer("admin-1", Role.ADMINISTRATOR)
            found = (await client.get("/deliveries/failed", headers=admin)).json()
            return list(found) if len(found) == 3 else []

        assert {d["person_id"] for d in await eventually(failed)} == {
            "psychologist-elias", "nurse-aino", "guardian-0001",
        }  # fmt: skip

        async def notices() -> list[dict[str, str]]:
            inbox = (await client.get("/people/psychologist-elias/inbox?unread=true")).json()
            return [i for i in inbox if "kunde inte levereras" in i["subject"]]

        # Two notices, for the nurse and the guardian; his own failed email he cannot fix.
        await eventually(lambda: _count(notices, 2))
        (first, _) = await notices()
        read = await client.post(
            f"/people/psychologist-elias/inbox/{first['notification_id']}/read"
        )
        assert read.status_code == 204
        assert len(await notices()) == 1
        # Nobody marks another's inbox: not through its path, nor through their own.
        mine = first["notification_id"]
        elsewhere = await client.post(f"/people/nurse-aino/inbox/{mine}/read")
        assert elsewhere.status_code == 403
        by_the_nurse = await client.post(
            f"/people/nurse-aino/inbox/{mine}/read", headers=bearer("nurse-aino")
        )
        assert by_the_nurse.status_code == 404


async def _count(probe: object, expected: int) -> bool:
    return len(await probe()) == expected  # type: ignore[operator]
