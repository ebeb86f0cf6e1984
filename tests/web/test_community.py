"""The school community's page: its group's meetings, its plan's review, a few figures as
published; who may open it, and paths that never reach the communal service."""

from __future__ import annotations

import pytest

from services.web.domain.person import SignedIn
from services.web.service_layer.api import Forbidden, Service, Unavailable
from shared.contracts import Role
from tests.support.web import WebApp
from tests.web.community_fixtures import (
    GUARDIAN,
    KURAATTORI,
    LEAD,
    MEETING_ID,
    OTHER,
    PLAN,
    PRINCIPAL,
    SCHOOL,
    TEACHER,
    a_meeting,
    a_plan,
    communal,
    minutes,
    plan_overview,
    school_figures,
)


async def test_one_school_is_where_community_leads_and_several_are_a_choice() -> None:
    async with WebApp(communal()).client(as_=PRINCIPAL) as client:
        one = await client.get("/community")
    assert one.status_code == 303
    assert one.headers["location"] == f"/community/{SCHOOL}"
    async with WebApp(communal()).client(as_=LEAD) as client:
        several = await client.get("/community")
    assert several.status_code == 200
    assert f'href="/community/{OTHER}"' in several.text
    assert several.text.count("<h1>") == 1


async def test_the_page_shows_meetings_coming_and_held_the_plans_review_and_figures() -> None:
    held = a_meeting(
        meeting_id="1b8f6a52-3c1d-4e7a-9f20-5d6c7b8a9e02",
        held_on="2026-10-01",
        title="Autumn wellbeing survey",
        minutes=minutes(),
    )
    web = WebApp(communal(meetings=[a_meeting(), held]))
    async with web.client(as_=PRINCIPAL) as client:
        page = await client.get(f"/community/{SCHOOL}")
    assert page.status_code == 200
    text = page.text
    assert text.index("Coming up") < text.index("Break-time supervision") < text.index("Held")
    assert text.index("Held") < text.index("Autumn wellbeing survey")
    assert "minutes written" in text
    assert "Review due soon" in text
    assert "in 20 days" in text
    assert f'href="/community/{SCHOOL}/plan/edit"' in text  # the principal adopts plans
    assert f'href="/community/{SCHOOL}/figures"' in text
    assert "<dt>Concerns raised</dt><dd>41</dd>" in text
    # a suppressed cell is shown as suppressed, never as a number
    assert '<dt>Expert groups formed</dt><dd><span aria-hidden="true">&lt;5</span>' in text
    assert "75%" in text
    assert "too few to say" in text
    (figures_call,) = [c for c in web.services.calls if c.path.startswith("/statistics")]
    assert figures_call.params is not None
    assert figures_call.params["year"].isdigit()
    assert all(c.token == "token-of-the-person" for c in web.services.calls)


async def test_an_overdue_review_says_so_in_words_and_a_badge() -> None:
    overdue = plan_overview(a_plan(), days_left=-12, overdue=True)
    async with WebApp(communal(plan=overdue)).client(as_=KURAATTORI) as client:
        page = await client.get(f"/community/{SCHOOL}")
    assert '<span class="badge badge--late">Review overdue</span>' in page.text
    assert "12 days ago" in page.text
    # the kuraattori writes minutes but does not adopt the school's plan: not offered
    assert "/plan/edit" not in page.text


async def test_no_plan_yet_is_said_and_a_school_too_small_publishes_no_numbers() -> None:
    small = school_figures(publishable=False, reason="too_small")
    web = WebApp(communal(plan=plan_overview(None), figures=small))
    async with web.client(as_=PRINCIPAL) as client:
        page = await client.get(f"/community/{SCHOOL}")
    assert "No welfare plan has been saved for the school" in page.text
    assert "Write the welfare plan" in page.text
    assert "counted in “other schools”" in page.text
    assert "<dt>Concerns raised</dt>" not in page.text


async def test_figures_that_cannot_be_had_leave_the_rest_of_the_page() -> None:
    web = WebApp(communal(figures=Unavailable("communal")))
    async with web.client(as_=PRINCIPAL) as client:
        page = await client.get(f"/community/{SCHOOL}")
    assert page.status_code == 200
    assert "The figures could not be fetched just now." in page.text
    assert "Break-time supervision" in page.text


@pytest.mark.parametrize("person", [TEACHER, GUARDIAN])
async def test_someone_outside_the_group_is_refused_and_nothing_is_asked(
    person: SignedIn,
) -> None:
    web = WebApp(communal())
    async with web.client(as_=person) as client:
        page = await client.get(f"/community/{SCHOOL}")
        meeting = await client.get(f"/community/{SCHOOL}/group/meetings/{MEETING_ID}")
    assert page.status_code == meeting.status_code == 403
    assert "communal welfare group" in page.text
    assert web.services.calls == []


async def test_another_school_is_refused_before_the_service_is_asked() -> None:
    web = WebApp(communal())
    async with web.client(as_=PRINCIPAL) as client:
        page = await client.get(f"/community/{OTHER}/plan")
    assert page.status_code == 403
    assert "does not name this school" in page.text
    assert web.services.calls == []


async def test_the_services_own_refusal_is_the_refusal_page() -> None:
    web = WebApp(communal())
    web.services.answer(Service.COMMUNAL, "GET", PLAN, Forbidden("not in the group"))
    async with web.client(as_=PRINCIPAL) as client:
        page = await client.get(f"/community/{SCHOOL}/plan")
    assert page.status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "/community/..%2Fstatistics",
        "/community/a",
        "/community/010101-123A",
        f"/community/{SCHOOL}/group/meetings/not-a-uuid",
        f"/community/{SCHOOL}/group/meetings/{{{MEETING_ID}}}",
        f"/community/{SCHOOL}/group/meetings/urn:uuid:{MEETING_ID}/minutes",
        f"/community/{SCHOOL}/plan/versions/0",
        f"/community/{SCHOOL}/plan/versions/-1",
        f"/community/{SCHOOL}/plan/versions/01",
        f"/community/{SCHOOL}/plan/versions/1e3",
        f"/community/{SCHOOL}/plan/versions/99999999",
        "/provider/plan/versions/%D9%A3",  # an Arabic-Indic three: a digit, not an ASCII one
    ],
)
async def test_a_crafted_path_never_reaches_the_service(path: str) -> None:
    lead = SignedIn("lead-leena", Role.WELFARE_LEAD, (SCHOOL,), locale="en")
    web = WebApp(communal())
    async with web.client(as_=lead) as client:
        page = await client.get(path)
    assert page.status_code == 404
    assert web.services.calls == []


async def test_the_welfare_lead_sees_the_school_in_the_community_area() -> None:
    async with WebApp(communal()).client(as_=LEAD) as client:
        page = await client.get(f"/community/{SCHOOL}")
    assert '<a href="/community" aria-current="page">School community</a>' in page.text
    assert f'<a href="/community/{OTHER}">' in page.text  # the switch between schools
