"""Communal welfare in a real browser on the whole platform: the principal's school in
figures with its small counts hidden, the welfare lead's schools side by side and the
yearly report, and the school group's refusal of a meeting agenda that names a student.

The figures come from concerns produced onto the shared stack's broker, as intake would
publish them, enough at both schools that each can be published alone."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest
from playwright.async_api import Page, expect

from shared.contracts import utc_now
from shared.topics import CONCERNS
from tests.factories import concern_raised
from tests.support.browser import NewContext, axe_check, shot
from tests.support.kafka import produce_event
from tests.support.waiting import eventually
from tests.support.web_stack import WebStack

pytestmark = pytest.mark.browser

KALLIO, TOOLO = "kallio-school", "toolo-school"


async def look(page: Page, name: str) -> None:
    await shot(page, name)
    await axe_check(page, name)


async def figures_published(stack: WebStack) -> None:
    """Concerns at both schools this month and last, some categories rare (shown "<5"),
    counted by communal welfare before any page is looked at."""
    if getattr(stack, "_figures_seeded", False):
        return
    now = utc_now()
    for school, many in ((KALLIO, 34), (TOOLO, 27)):
        for i in range(many):
            categories = ["mental_health"] if i % 3 else ["social_relations_and_bullying"]
            if i < 2:
                categories = ["substance_use"]  # two: a count under five
            raised_at = now - timedelta(days=35 if i % 4 == 0 else 0)
            event = concern_raised(
                f"student-{school[:2]}{i:03d}", school_id=school,
                categories=categories, raised_at=raised_at,
            )  # fmt: skip
            await produce_event(stack.ns.infra.bootstrap, stack.ns.topic(CONCERNS.name), event)
    url = f"{stack.communal.url}/statistics/schools/{KALLIO}"

    async def published() -> dict[str, Any] | None:
        async with httpx.AsyncClient() as client:
            answer = await client.get(url, headers=stack.bearer("principal-paula"))
        found: dict[str, Any] = answer.json()
        return found if answer.status_code == 200 and found.get("publishable") else None

    await eventually(published, timeout=60)
    stack._figures_seeded = True  # type: ignore[attr-defined]


async def test_the_principal_sees_the_school_in_figures_with_small_counts_hidden(
    new_context: NewContext, web_stack: WebStack
) -> None:
    await figures_published(web_stack)
    page = await (await new_context()).new_page()
    await web_stack.sign_in(page, "principal-paula", next=f"/community/{KALLIO}/figures")
    await expect(page.locator("h1")).to_contain_text(KALLIO)
    hidden = page.locator("table .fig-hidden")
    await expect(hidden.first).to_be_visible()
    assert "<5" in await page.locator("table").first.inner_text()
    await expect(page.locator("svg").first).to_be_visible()  # the trend chart
    await look(page, "communal-school-figures")

    async with page.expect_download() as download:
        await page.locator("a[hreflang=fi]", has_text="CSV").click()
    exported = (await (await download.value).path()).read_text(encoding="utf-8-sig")
    assert exported.splitlines()[0].startswith("Koulu")  # the Finnish header row
    assert "<5" in exported

    phone = await (await new_context(mobile=True)).new_page()
    await web_stack.sign_in(phone, "principal-paula", next=f"/community/{KALLIO}/figures")
    await look(phone, "communal-school-figures-phone")


async def test_the_welfare_lead_sees_every_school_side_by_side_and_the_yearly_report(
    new_context: NewContext, web_stack: WebStack
) -> None:
    await figures_published(web_stack)
    page = await (await new_context()).new_page()
    assert await web_stack.sign_in(page, "welfare-lead-liisa") == "/provider"
    await expect(page.locator("h1")).to_have_count(1)
    side_by_side = page.locator("table").first
    await expect(side_by_side).to_contain_text(KALLIO)
    await expect(side_by_side).to_contain_text(TOOLO)
    await look(page, "communal-provider")

    await page.goto(f"{web_stack.url}/provider/report/{_school_year()}")
    await expect(page.locator("h1")).to_contain_text("25 §")  # the lead reads Finnish
    await look(page, "communal-report")
    await page.emulate_media(media="print")
    await shot(page, "communal-report-print")
    await expect(page.locator("nav").first).to_be_hidden()


async def test_the_school_group_refuses_an_agenda_naming_a_student_and_keeps_the_text(
    new_context: NewContext, web_stack: WebStack
) -> None:
    page = await (await new_context()).new_page()
    await web_stack.sign_in(page, "principal-paula", next=f"/community/{KALLIO}")
    await look(page, "communal-school-community")
    await page.goto(f"{web_stack.url}/community/{KALLIO}/group/meetings/new")
    await page.get_by_label("Day of the meeting").fill(utc_now().date().isoformat())
    await page.get_by_label("Title").fill("Välituntien turvallisuus")
    named = "Testi Oppilas-Yksi on joutunut kiusatuksi välitunnilla"
    await page.locator('[name="agenda.0"]').fill(named)
    await page.get_by_role("button", name="Plan the meeting", exact=True).last.click()

    refusal = page.locator(".community-refusal")
    await expect(refusal).to_be_visible()
    await expect(refusal).to_contain_text("No student may be named here")
    await expect(page.locator('[name="agenda.0"]')).to_have_value(named)  # nothing typed is lost
    await look(page, "communal-meeting-refused")

    await page.locator('[name="agenda.0"]').fill("Kiusaamisen ehkäisy välitunneilla")
    await page.get_by_role("button", name="Plan the meeting", exact=True).last.click()
    await expect(page.locator("h1")).to_contain_text("Välituntien turvallisuus")
    await expect(page.locator("main")).to_contain_text("Kiusaamisen ehkäisy välitunneilla")


def _school_year() -> int:
    today = utc_now().date()
    return today.year if today.month >= 8 else today.year - 1
