"""The administrator's operations console, against fake services: a service down is shown
as down (and the page still renders), actions go to the right service with the reason,
a payload is shown escaped, and nobody else gets in."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from services.web.domain.person import SignedIn
from services.web.service_layer.api import Service, Unavailable
from shared.contracts import Role
from tests.fakes.web import Call, FakeServices
from tests.support.web import CSRF, WebApp

ADMIN = SignedIn("admin-1", Role.ADMINISTRATOR, locale="en")
TEACHER = SignedIn("teacher-tiina", Role.TEACHER, ("kallio-school",), locale="en")
NOW = "2026-11-30T10:00:00+00:00"


def status(service: Service, **parts: Any) -> dict[str, Any]:
    return {
        "service": service.value, "version": "0.1.0+abc123", "started_at": NOW,
        "database": {"up": True, "latency_ms": 2.5}, "broker": {"up": True},
        "outbox": {"up": True, "backlog": 3, "oldest_age_s": 12.0},
        "consumer_groups": [
            {"group": "notifications", "topic": "cases", "partition": 0, "lag_messages": 7,
             "lag_seconds": 95.0},
        ],
        "throughput": [
            {"topic": "cases", "direction": "published", "per_minute": [0] * 59 + [4]},
        ],
        **parts,
    }  # fmt: skip


def entry(entry_id: str, *, state: str = "new", at: str = NOW) -> dict[str, Any]:
    return {
        "id": entry_id, "consumer": "welfare_group", "topic": "concerns", "partition": 0,
        "offset": 4, "key": None, "event_type": None, "event_id": None,
        "reason": "malformed_json", "detail": "x", "state": state, "dead_lettered_at": at,
        "first_dead_lettered_at": at, "history": [], "attempts": [],
    }  # fmt: skip


def listing(*entries: dict[str, Any]) -> dict[str, Any]:
    return {"total": len(entries), "by_state": {"new": len(entries)}, "by_reason": {},
            "entries": list(entries)}  # fmt: skip


def posts(services: FakeServices) -> list[Call]:
    return [c for c in services.calls if c.method == "POST"]


async def test_a_service_that_does_not_answer_is_shown_down_and_the_page_renders() -> None:
    services = FakeServices()
    services.answer(Service.INTAKE, "GET", "/operations/status", status(Service.INTAKE))
    services.answer(Service.WELFARE_GROUP, "GET", "/operations/status", Unavailable("wg"))
    services.answer(
        Service.NOTIFICATIONS, "GET", "/operations/status",
        status(Service.NOTIFICATIONS, broker={"up": False, "error": "KafkaConnectionError"},
               deliveries={"up": True, "failed": 2}),
    )  # fmt: skip
    services.answer(Service.COMMUNAL, "GET", "/operations/status", status(Service.COMMUNAL))
    async with WebApp(services).client(as_=ADMIN) as client:
        page = await client.get("/operations")
        live = await client.get("/operations/live")
    assert page.status_code == 200
    assert "down: not answering" in page.text  # the welfare group
    assert "KafkaConnectionError" in page.text
    assert "degraded" in page.text
    assert 'role="img"' in page.text
    assert '<title id="chart-title">' in page.text
    assert 'hx-trigger="every 5s"' in page.text
    assert 'href="/operations">Refresh' in page.text
    assert "1 min" in page.text or "2 min" in page.text  # 95 s of lag, in words
    assert live.status_code == 200
    assert live.text.lstrip().startswith("<section")
    assert "<html" not in live.text


async def test_the_administrators_home_is_the_console_and_the_inbox_stays() -> None:
    assert ADMIN.home == "/operations"
    assert [a.value for a in ADMIN.areas] == ["/operations", "/inbox"]


async def test_replay_posts_exactly_the_selected_ids_with_the_reason_to_their_service() -> None:
    services = FakeServices()
    a, b, c = (str(uuid4()) for _ in range(3))
    services.answer(Service.WELFARE_GROUP, "GET", "/dead-letters", listing(entry(a), entry(b)))
    services.answer(Service.INTAKE, "GET", "/dead-letters", listing(entry(c)))
    services.answer(Service.NOTIFICATIONS, "GET", "/dead-letters", listing())
    services.answer(Service.COMMUNAL, "GET", "/dead-letters", listing())
    services.answer(
        Service.WELFARE_GROUP, "POST", "/dead-letters/replay",
        {"replayed": [{"id": a, "attempt": 1}], "skipped": []},
    )  # fmt: skip
    async with WebApp(services).client(as_=ADMIN) as client:
        page = await client.get("/operations/dead-letters")
        done = await client.post(
            "/operations/dead-letters",
            data={"csrf_token": CSRF, "selected": [f"welfare_group:{a}"], "action": "replay",
                  "why": "schema fix deployed", "state": "new"},
        )  # fmt: skip
    assert page.status_code == 200
    assert f"welfare_group:{b}" in page.text
    (replayed,) = posts(services)
    assert replayed.service is Service.WELFARE_GROUP
    assert replayed.body == {"reason": "schema fix deployed", "ids": [a]}
    assert done.status_code == 303
    assert done.headers["location"].startswith("/operations/dead-letters?state=new&replay=1")


async def test_discard_without_a_reason_shows_the_error_beside_the_field_and_calls_nothing() -> (
    None
):
    services = FakeServices()
    a = str(uuid4())
    for service in Service:
        services.answer(service, "GET", "/dead-letters", listing(entry(a)))
    async with WebApp(services).client(as_=ADMIN) as client:
        page = await client.post(
            "/operations/dead-letters",
            data={"csrf_token": CSRF, "selected": [f"intake:{a}"], "action": "discard",
                  "why": " "},
        )  # fmt: skip
    assert page.status_code == 400
    assert posts(services) == []
    assert 'id="f-why-error"' in page.text
    assert 'aria-invalid="true"' in page.text
    assert f'value="intake:{a}" id="f-selected" checked' in page.text  # the choice is kept


async def test_a_forged_selection_reaches_no_service() -> None:
    services = FakeServices()
    async with WebApp(services).client(as_=ADMIN) as client:
        page = await client.post(
            "/operations/dead-letters",
            data={"csrf_token": CSRF, "selected": ["intake:../../access-log"],
                  "action": "discard", "why": "gone"},
        )  # fmt: skip
        crafted = await client.get("/operations/dead-letters/intake/..%2Fx")
    assert page.status_code == crafted.status_code == 404
    assert services.calls == []


async def test_a_revealed_payload_is_shown_escaped_once() -> None:
    services = FakeServices()
    a = str(uuid4())
    services.answer(Service.WELFARE_GROUP, "GET", f"/dead-letters/{a}", entry(a))
    services.answer(
        Service.WELFARE_GROUP, "POST", f"/dead-letters/{a}/reveal",
        {"id": a, "key": "<b>k</b>", "value": '<script>alert("x")</script><img src=x>',
         "value_base64": "", "headers": {"event-type": "<i>t</i>"}},
    )  # fmt: skip
    async with WebApp(services).client(as_=ADMIN) as client:
        page = await client.post(
            f"/operations/dead-letters/welfare_group/{a}",
            data={"csrf_token": CSRF, "action": "reveal", "reason_reveal": "find the bug"},
        )
        again = await client.get(f"/operations/dead-letters/welfare_group/{a}")
    assert page.status_code == 200
    assert "<script>alert" not in page.text
    assert "<img src=x>" not in page.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x&gt;" in page.text
    assert "&lt;b&gt;k&lt;/b&gt;" in page.text
    assert "&lt;i&gt;t&lt;/i&gt;" in page.text
    (revealed,) = posts(services)
    assert revealed.body == {"reason": "find the bug"}
    assert "find the bug" not in again.text
    assert "&lt;script" not in again.text


async def test_a_failed_delivery_is_retried_with_its_id_and_the_optional_reason() -> None:
    services = FakeServices()
    which = uuid4()
    services.answer(
        Service.NOTIFICATIONS, "POST", f"/deliveries/{which}/retry",
        {"notification_id": str(which), "requeued": True, "status": "pending"},
    )  # fmt: skip
    async with WebApp(services).client(as_=ADMIN) as client:
        done = await client.post(
            "/operations/deliveries", data={"csrf_token": CSRF, "notification_id": str(which)}
        )
    assert done.status_code == 303
    assert "retried=1" in done.headers["location"]
    (retried,) = posts(services)
    assert retried.body == {}


async def test_someone_else_gets_403_and_no_service_is_asked() -> None:
    services = FakeServices()
    async with WebApp(services).client(as_=TEACHER) as client:
        pages = [
            await client.get(path)
            for path in ("/operations", "/operations/live", "/operations/dead-letters",
                         "/operations/deliveries", "/operations/timers",
                         f"/operations/dead-letters/intake/{uuid4()}")
        ]  # fmt: skip
        posted = await client.post(
            "/operations/dead-letters",
            data={"csrf_token": CSRF, "selected": [f"intake:{uuid4()}"], "action": "discard",
                  "why": "nope nope"},
        )  # fmt: skip
    assert {p.status_code for p in pages} == {403}
    assert posted.status_code == 403
    assert services.calls == []
