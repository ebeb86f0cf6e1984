"""A student asks for a discussion themself, and the kuraattori finds it in her list with
its §15 deadline; a teacher of another school who opens that case's address sees nothing;
the principal sees the school's caseloads; the screens work at 360 px wide."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from tests.support.browser import NewContext, axe_check, shot
from tests.support.journeys import case_led_by
from tests.support.web_stack import WebStack

pytestmark = pytest.mark.browser

WANT = "Haluaisin jutella, kun koulussa on ollut raskasta."


async def look(page: Page, name: str) -> None:
    await shot(page, name)
    await axe_check(page, name)


async def fits(page: Page) -> None:
    """Nothing wider than the screen: no sideways scrolling at 360 px (WCAG 1.4.10)."""
    width = await page.evaluate("document.documentElement.scrollWidth")
    wide = await page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(e => e.getBoundingClientRect().right > 360)
            .slice(-3).map(e => `${e.tagName}.${e.className}: ${e.textContent.slice(0, 60)}`)"""
    )
    assert width <= 360, f"{page.url} is {width} px wide: {wide}"


async def test_a_students_own_request_reaches_the_kuraattoris_list_with_its_deadline(
    new_context: NewContext, web_stack: WebStack
) -> None:
    student = await (await new_context()).new_page()
    await web_stack.sign_in(student, "student-0003")
    await student.locator('a[href$="/discussion-requests"]').first.click()
    await look(student, "family-discussion-request")
    await student.check('input[name="discussion_with"][value="kuraattori"]')
    await student.fill("#f-text", WANT)
    await student.locator("main form button[type=submit]").last.click()
    await student.wait_for_url("**/sent*")
    await look(student, "family-discussion-sent")

    case = await case_led_by(web_stack, "kuraattori-kaisa", "student-0003")
    assert case["discussion_due_on"]
    kuraattori = await (await new_context()).new_page()
    await web_stack.sign_in(kuraattori, "kuraattori-kaisa", next="/cases")
    row = kuraattori.locator(f'a[href="/cases/{case["case_id"]}"]')
    await row.wait_for()
    due = case["discussion_due_on"]
    day, month = int(due[8:10]), int(due[5:7])
    assert f"{day}.{month}." in await kuraattori.locator("main").inner_text()  # Finnish dates
    await look(kuraattori, "cases-list")
    await kuraattori.goto(f"{web_stack.url}/inbox")
    await look(kuraattori, "inbox")

    # A teacher of another school follows the same address: a page that says why, nothing more.
    stranger = await (await new_context()).new_page()
    await web_stack.sign_in(stranger, "teacher-tuomas")
    answer = await stranger.goto(f"{web_stack.url}/cases/{case['case_id']}")
    assert answer is not None
    assert answer.status == 403
    text = await stranger.locator("main").inner_text()
    assert "student-0003" not in text
    assert WANT not in text
    await look(stranger, "case-refused")


async def test_the_principal_sees_the_schools_caseloads(page: Page, web_stack: WebStack) -> None:
    await web_stack.sign_in(page, "principal-paula")
    await page.wait_for_url("**/school*")
    await look(page, "school")
    text = await page.locator("main").inner_text()
    assert "psychologist" in text.lower()  # she reads English, as her directory says


async def test_the_screens_fit_a_phone(new_context: NewContext, web_stack: WebStack) -> None:
    phone = await (await new_context(mobile=True)).new_page()
    await web_stack.sign_in(phone, "teacher-tiina", next="/concerns/new")
    await fits(phone)
    await look(phone, "mobile-concern-form")
    family = await (await new_context(mobile=True)).new_page()
    await web_stack.sign_in(family, "guardian-0001")
    await fits(family)
    await look(family, "mobile-family")
    await family.goto(f"{web_stack.url}/family/access-log")
    await fits(family)
    await look(family, "mobile-access-log")
    welfare = await (await new_context(mobile=True)).new_page()
    await web_stack.sign_in(welfare, "psychologist-elias", next="/cases")
    await fits(welfare)
    await look(welfare, "mobile-cases")
