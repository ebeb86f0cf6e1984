"""The group's meetings: planned and minuted with exactly the API's bodies; a student
named is refused beside each field with everything kept; the name check down keeps it
too; a lapsed session gives the typing back; more rows without JavaScript."""

from __future__ import annotations

import re
from typing import Any

from services.web.service_layer.api import FieldError, Invalid, Service, Unavailable
from shared.contracts import utc_now
from tests.fakes.web import Call
from tests.support.web import CSRF, WebApp
from tests.web.community_fixtures import (
    KURAATTORI,
    MEETING_ID,
    MEETINGS,
    MENTION,
    PRINCIPAL,
    SCHOOL,
    TEACHER,
    a_meeting,
    communal,
    minutes,
)

NEW = f"/community/{SCHOOL}/group/meetings/new"
MINUTES = f"/community/{SCHOOL}/group/meetings/{MEETING_ID}/minutes"


def posts(web: WebApp) -> list[Call]:
    return [c for c in web.services.calls if c.method == "POST"]


def a_new_meeting(**changes: Any) -> dict[str, Any]:
    return {
        "csrf_token": CSRF,
        "held_on": "2026-11-30",
        "title": "Break-time supervision ",
        "agenda.0": "The new playground rota",
        "agenda.1": "",
        "agenda.2": "Results of the wellbeing survey",
        **changes,
    }


def some_minutes(**changes: Any) -> dict[str, Any]:
    return {
        "csrf_token": CSRF,
        "attended": ["kuraattori", "chair"],
        "minutes": "The rota leaves the back yard unwatched at lunch.",
        "decisions.0": "Two adults in the back yard at lunch.",
        **changes,
    }


def mentioned(*fields: str) -> Invalid:
    return Invalid("x", [FieldError(f, MENTION, "mentions_a_student") for f in fields])


async def test_a_meeting_is_planned_with_exactly_the_apis_body() -> None:
    web = WebApp(communal())
    web.services.answer(Service.COMMUNAL, "POST", MEETINGS, a_meeting())
    async with web.client(as_=PRINCIPAL) as client:
        sent = await client.post(NEW, data=a_new_meeting())
    assert sent.status_code == 303
    assert sent.headers["location"].endswith(f"/group/meetings/{MEETING_ID}?planned=1")
    (call,) = posts(web)
    assert call.body == {
        "held_on": "2026-11-30",
        "title": "Break-time supervision",
        "agenda": ["The new playground rota", "Results of the wellbeing survey"],
    }


async def test_a_named_student_is_refused_beside_each_field_with_everything_kept() -> None:
    web = WebApp(communal())
    # the service names the agenda's second item: the second one typed, the blank closed up
    web.services.answer(Service.COMMUNAL, "POST", MEETINGS, mentioned("agenda.1", "title"))
    async with web.client(as_=KURAATTORI) as client:
        page = await client.post(NEW, data=a_new_meeting(**{"agenda.2": "Aino's absences"}))
    assert page.status_code == 422
    text = page.text
    assert "No student may be named here" in text
    assert "never on one named student" in text
    assert '<a href="/concerns/new">Raise a concern about the student</a>' in text
    start = text.index("No student may be named here")
    summary = text[start : text.index("</ul>", start)]
    assert summary.index("Title") < summary.index("Agenda item 2")  # in the form's order
    for field in ("title", "agenda.1"):
        assert f'id="f-{field}-error"' in text
        assert re.search(rf'id="f-{re.escape(field)}"[^>]*aria-invalid="true"', text)
    assert 'id="f-agenda.0-error"' not in text
    assert 'value="Aino&#39;s absences"' in text  # kept, to be edited, not retyped
    assert 'value="The new playground rota"' in text
    assert 'value="2026-11-30"' in text
    assert MENTION not in text  # the area's own words, in the person's language


async def test_the_welfare_lead_is_told_where_a_students_matter_goes_without_a_link() -> None:
    from tests.web.community_fixtures import LEAD

    web = WebApp(communal())
    web.services.answer(Service.COMMUNAL, "POST", MEETINGS, mentioned("title"))
    async with web.client(as_=LEAD) as client:
        page = await client.post(NEW, data=a_new_meeting())
    assert "the school's staff raise a concern" in page.text
    assert 'href="/concerns/new"' not in page.text  # the lead raises no concerns


async def test_the_name_check_down_keeps_the_text_and_says_to_try_again() -> None:
    web = WebApp(communal())
    web.services.answer(Service.COMMUNAL, "POST", MEETINGS, Unavailable("communal"))
    async with web.client(as_=PRINCIPAL) as client:
        page = await client.post(NEW, data=a_new_meeting())
    assert page.status_code == 503
    assert "nothing was saved" in page.text
    assert "try again in a moment" in page.text
    assert 'value="Results of the wellbeing survey"' in page.text


async def test_the_forms_own_findings_send_nothing() -> None:
    web = WebApp(communal())
    async with web.client(as_=PRINCIPAL) as client:
        page = await client.post(NEW, data=a_new_meeting(held_on="30.11.2026", title=" "))
    assert page.status_code == 422
    assert "Enter the day of the meeting." in page.text
    assert "Give the meeting a title." in page.text
    assert posts(web) == []


async def test_more_rows_comes_back_with_more_and_sends_nothing() -> None:
    web = WebApp(communal())
    typed = {f"agenda.{n}": f"Item {n}" for n in range(5)}
    async with web.client(as_=PRINCIPAL) as client:
        page = await client.post(NEW, data=a_new_meeting(more="agenda", **typed))
    assert page.status_code == 200
    assert 'name="agenda.8"' in page.text
    assert 'name="agenda.9"' not in page.text
    assert 'value="Item 4"' in page.text
    assert posts(web) == []


async def test_a_crafted_row_number_is_no_row() -> None:
    web = WebApp(communal())
    web.services.answer(Service.COMMUNAL, "POST", MEETINGS, a_meeting())
    form = a_new_meeting(**{"agenda.999": "x", "agenda.1.x": "y", "agenda.-1": "z"})
    async with web.client(as_=PRINCIPAL) as client:
        await client.post(NEW, data=form)
    (call,) = posts(web)
    assert call.body is not None
    assert call.body["agenda"] == ["The new playground rota", "Results of the wellbeing survey"]


async def test_minutes_are_sent_by_role_in_the_vocabularys_order() -> None:
    web = WebApp(communal())
    saved = a_meeting(minutes=minutes())
    web.services.answer(Service.COMMUNAL, "POST", f"{MEETINGS}/{MEETING_ID}/minutes", saved)
    async with web.client(as_=KURAATTORI) as client:
        sent = await client.post(MINUTES, data=some_minutes())
    assert sent.status_code == 303
    assert sent.headers["location"].endswith(f"{MEETING_ID}?saved=1")
    (call,) = posts(web)
    assert call.path == f"/schools/{SCHOOL}/group/meetings/{MEETING_ID}/minutes"
    assert call.body == {
        "attended": ["chair", "kuraattori"],
        "minutes": "The rota leaves the back yard unwatched at lunch.",
        "decisions": ["Two adults in the back yard at lunch."],
    }


async def test_a_forged_role_is_refused_beside_the_roles() -> None:
    web = WebApp(communal())
    async with web.client(as_=KURAATTORI) as client:
        page = await client.post(MINUTES, data=some_minutes(attended=["chair", "aino"]))
    assert page.status_code == 422
    assert "Choose who attended from the list." in page.text
    assert posts(web) == []


async def test_minutes_naming_a_student_keep_every_box_and_line() -> None:
    web = WebApp(communal())
    path = f"{MEETINGS}/{MEETING_ID}/minutes"
    web.services.answer(Service.COMMUNAL, "POST", path, mentioned("minutes", "decisions.0"))
    async with web.client(as_=KURAATTORI) as client:
        page = await client.post(MINUTES, data=some_minutes())
    assert page.status_code == 422
    assert 'id="f-minutes-error"' in page.text
    assert 'id="f-decisions.0-error"' in page.text
    assert re.search(r'value="chair" checked', page.text)
    assert re.search(r'value="kuraattori" checked', page.text)
    assert "unwatched at lunch.</textarea>" in page.text


async def test_minutes_kept_when_the_service_is_down_altogether() -> None:
    web = WebApp(communal())
    path = f"{MEETINGS}/{MEETING_ID}"
    web.services.answer(Service.COMMUNAL, "POST", f"{path}/minutes", Unavailable("communal"))
    web.services.answer(Service.COMMUNAL, "GET", path, Unavailable("communal"))
    async with web.client(as_=KURAATTORI) as client:
        page = await client.post(MINUTES, data=some_minutes())
    assert page.status_code == 503
    assert "unwatched at lunch.</textarea>" in page.text


async def test_the_minutes_form_starts_from_the_newest_minutes() -> None:
    web = WebApp(communal())
    web.services.answer(
        Service.COMMUNAL, "GET", f"{MEETINGS}/{MEETING_ID}", a_meeting(minutes=minutes())
    )
    async with web.client(as_=PRINCIPAL) as client:
        page = await client.get(MINUTES)
    assert "<h1>Correct the minutes</h1>" in page.text
    assert 'value="Two adults in the back yard at lunch from January."' in page.text
    assert re.search(r'value="principal" checked', page.text)


async def test_an_expired_session_gives_the_typed_meeting_back_after_sign_in() -> None:
    web = WebApp(communal())
    async with web.client() as client:
        lost = await client.post(NEW, data=a_new_meeting())
    assert lost.headers["location"] == f"/auth/login?next={NEW}"
    assert posts(web) == []
    sid = next(iter(web.sessions.sessions))
    data, _ = web.sessions.sessions[sid]
    data.update(person=PRINCIPAL.as_claims(), access_token="token-of-the-person", csrf=CSRF)
    web.sessions.sessions[sid] = (data, utc_now())
    async with web.client() as client:
        client.cookies.set("session", sid)
        page = await client.get(NEW)
        again = await client.get(NEW)
    assert 'value="Results of the wellbeing survey"' in page.text
    assert 'value="2026-11-30"' in page.text
    assert 'value="Results of the wellbeing survey"' not in again.text  # given back once


async def test_an_expired_session_gives_the_typed_minutes_back() -> None:
    web = WebApp(communal())
    async with web.client() as client:
        await client.post(MINUTES, data=some_minutes())
    sid = next(iter(web.sessions.sessions))
    data, _ = web.sessions.sessions[sid]
    data.update(person=KURAATTORI.as_claims(), access_token="token-of-the-person", csrf=CSRF)
    web.sessions.sessions[sid] = (data, utc_now())
    async with web.client() as client:
        client.cookies.set("session", sid)
        page = await client.get(MINUTES)
    assert "unwatched at lunch.</textarea>" in page.text
    assert re.search(r'value="kuraattori" checked', page.text)


async def test_a_stale_form_is_kept_and_sends_nothing() -> None:
    web = WebApp(communal())
    async with web.client(as_=PRINCIPAL) as client:
        stale = await client.post(NEW, data=a_new_meeting(csrf_token="old"))
        page = await client.get(stale.headers["location"])
    assert stale.headers["location"] == f"{NEW}?stale=1"
    assert 'value="Results of the wellbeing survey"' in page.text
    assert posts(web) == []


async def test_a_teacher_cannot_plan_the_groups_meetings() -> None:
    web = WebApp(communal())
    async with web.client(as_=TEACHER) as client:
        page = await client.post(NEW, data=a_new_meeting())
    assert page.status_code == 403
    assert posts(web) == []


async def test_the_meeting_shows_its_agenda_and_newest_minutes_by_role() -> None:
    web = WebApp(communal())
    web.services.answer(
        Service.COMMUNAL, "GET", f"{MEETINGS}/{MEETING_ID}", a_meeting(minutes=minutes())
    )
    async with web.client(as_=PRINCIPAL) as client:
        page = await client.get(f"/community/{SCHOOL}/group/meetings/{MEETING_ID}")
    assert page.text.count("<h1>") == 1
    assert "The new playground rota" in page.text
    assert "Chair (the education provider&#39;s representative)" in page.text
    assert "Version 2, saved" in page.text
    assert "Two adults in the back yard at lunch from January." in page.text


async def test_every_field_of_the_forms_has_one_id_and_a_label() -> None:
    async with WebApp(communal()).client(as_=PRINCIPAL) as client:
        pages = [await client.get(NEW), await client.get(MINUTES)]
    for page in pages:
        ids = re.findall(r'\sid="([^"]+)"', page.text)
        assert len(ids) == len(set(ids))
        for field_id in re.findall(r'<(?:input|select|textarea) id="([^"]+)"', page.text):
            assert f'for="{field_id}"' in page.text
