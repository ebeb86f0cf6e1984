"""A person's inbox: their own notifications, each a link to its case's page, each
acknowledged on its own."""

from __future__ import annotations

from typing import Any

from services.web.service_layer.api import NotFound, Service
from tests.support.web import CSRF, WebApp
from tests.web.case_fixtures import CASE_ID, PSYCHOLOGIST, welfare_services

NOTIFICATIONS = Service.NOTIFICATIONS
UNREAD = "5f0e1d2c-3b4a-4958-8776-655443322110"
READ = "6a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d"
INBOX = "/people/psy-pia/inbox"


def inbox(read: set[str] = frozenset()) -> list[dict[str, Any]]:  # type: ignore[assignment]
    return [
        {"notification_id": UNREAD, "case_id": str(CASE_ID), "subject": "A new case for you",
         "body": "Open the case in the service.", "urgent": True,
         "created_at": "2026-12-01T08:00:00+00:00",
         "read_at": "2026-12-01T09:00:00+00:00" if UNREAD in read else None},
        {"notification_id": READ, "case_id": str(CASE_ID), "subject": "A meeting was scheduled",
         "body": "", "urgent": False, "created_at": "2026-11-30T08:00:00+00:00",
         "read_at": "2026-11-30T09:00:00+00:00"},
    ]  # fmt: skip


def services_with_inbox() -> Any:
    services = welfare_services()
    read: set[str] = set()
    services.answer(NOTIFICATIONS, "GET", INBOX, lambda call: inbox(read))
    services.answer(NOTIFICATIONS, "POST", f"{INBOX}/{UNREAD}/read", lambda call: read.add(UNREAD))
    return services


async def test_the_inbox_marks_unread_in_words_and_links_each_item_to_its_case() -> None:
    services = services_with_inbox()
    async with WebApp(services).client(as_=PSYCHOLOGIST) as client:
        page = await client.get("/inbox")
        case = await client.get(f"/cases/{CASE_ID}")
    text = page.text
    assert page.status_code == 200
    assert ">Unread</span>" in text
    assert ">Read</span>" in text
    assert ">Urgent</span>" in text
    assert text.count(f'href="/cases/{CASE_ID}"') == 4  # the subject and the button, twice
    assert text.count("Mark as read") == 1  # only the unread one
    assert "1 unread notification" in text
    assert case.status_code == 200  # the link lands on a page
    assert services.calls[0].path == INBOX
    assert services.calls[0].params is None


async def test_only_the_unread_can_be_asked_for() -> None:
    services = services_with_inbox()
    async with WebApp(services).client(as_=PSYCHOLOGIST) as client:
        await client.get("/inbox", params={"unread": "1"})
    assert services.calls[0].params == {"unread": "true"}


async def test_mark_as_read_acknowledges_the_signed_in_persons_own_notification() -> None:
    services = services_with_inbox()
    async with WebApp(services).client(as_=PSYCHOLOGIST) as client:
        sent = await client.post(
            f"/inbox/{UNREAD}/read",
            data={"csrf_token": CSRF, "person_id": "someone-else", "notification_id": READ},
        )
        page = await client.get(sent.headers["location"])
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/inbox#n-{UNREAD}"
    (posted,) = [c for c in services.calls if c.method == "POST"]
    assert posted.path == f"/people/psy-pia/inbox/{UNREAD}/read"  # the session's person
    assert "Mark as read" not in page.text


async def test_with_htmx_the_item_is_swapped_in_place() -> None:
    services = services_with_inbox()
    async with WebApp(services).client(as_=PSYCHOLOGIST) as client:
        swapped = await client.post(
            f"/inbox/{UNREAD}/read", data={"csrf_token": CSRF}, headers={"HX-Request": "true"}
        )
    assert swapped.status_code == 200
    assert swapped.text.lstrip().startswith("<li")
    assert f'id="n-{UNREAD}"' in swapped.text
    assert "Marked as read." in swapped.text
    assert "<html" not in swapped.text


async def test_mark_as_read_needs_this_sessions_form_and_a_real_id() -> None:
    services = services_with_inbox()
    async with WebApp(services).client(as_=PSYCHOLOGIST) as client:
        forged = await client.post(f"/inbox/{UNREAD}/read", data={"csrf_token": "guessed"})
        crafted = await client.post("/inbox/..%2F..%2Fx/read", data={"csrf_token": CSRF})
        not_a_uuid = await client.post("/inbox/not-a-uuid/read", data={"csrf_token": CSRF})
        assert services.calls == []
        back = await client.get(forged.headers["location"], follow_redirects=True)
    assert forged.status_code == 303
    assert "stale=1" in forged.headers["location"]
    assert crafted.status_code in (404, 405)
    assert not_a_uuid.status_code == 404
    assert back.status_code == 200
    assert "nothing was marked read" in back.text
    assert not [c for c in services.calls if c.method == "POST"]


async def test_anothers_notification_is_not_found() -> None:
    services = services_with_inbox()
    services.answer(NOTIFICATIONS, "POST", f"{INBOX}/{READ}/read", NotFound("no such"))
    async with WebApp(services).client(as_=PSYCHOLOGIST) as client:
        page = await client.post(f"/inbox/{READ}/read", data={"csrf_token": CSRF})
    assert page.status_code == 404


async def test_a_signed_out_visitor_signs_in_first() -> None:
    async with WebApp(services_with_inbox()).client() as client:
        page = await client.get("/inbox")
    assert page.headers["location"] == "/auth/login?next=/inbox"
