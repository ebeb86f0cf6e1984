"""A teacher raises a concern on one screen, in Finnish, and sees it in her list; the form
keeps what was typed when it comes back with an error; a double submit makes one concern."""

from __future__ import annotations

import httpx
import pytest
from playwright.async_api import Page

from tests.support.browser import axe_check, shot
from tests.support.web_stack import WebStack

pytestmark = pytest.mark.browser

SEEN = "Vetäytynyt ja väsynyt tunneilla kahden viikon ajan."


async def test_a_teacher_raises_a_concern_and_follows_it(page: Page, web_stack: WebStack) -> None:
    await web_stack.sign_in(page, "teacher-tiina", next="/concerns/new")
    await shot(page, "concern-form")
    await axe_check(page, "concern-form")

    # Sent without a category: the error is beside its field, the text is kept.
    await page.fill("#f-student_ref", "student-0101")
    await page.fill("#f-description", SEEN)
    await page.check('input[name="urgency"][value="urgent"]')
    await page.get_by_role("button", name="Lähetä huoli").click()
    summary = page.locator(".error-summary")
    await summary.wait_for()
    assert await page.input_value("#f-description") == SEEN
    assert await page.locator(".field--error #f-categories").count() == 1
    await shot(page, "concern-form-errors")
    await axe_check(page, "concern-form-errors")

    await page.check('input[name="categories"][value="mental_health"]')
    await page.get_by_role("button", name="Lähetä huoli").click()
    await page.wait_for_url("**/concerns?raised=*")
    await page.locator("text=student-0101").first.wait_for()
    await shot(page, "concern-list")
    await axe_check(page, "concern-list")


async def test_a_double_submit_raises_one_concern(page: Page, web_stack: WebStack) -> None:
    await web_stack.sign_in(page, "teacher-tiina", next="/concerns/new")
    await page.fill("#f-student_ref", "student-0102")
    await page.fill("#f-description", SEEN)
    await page.check('input[name="categories"][value="learning"]')
    await page.check('input[name="urgency"][value="routine"]')
    form = page.locator("form:has(#f-description)")
    fields = await form.evaluate("f => Object.fromEntries(new FormData(f))")
    # The same page sent twice, as a double click without JavaScript would send it.
    target = f"{web_stack.url}/concerns/new"
    first = await page.request.post(target, form=fields, max_redirects=0)
    again = await page.request.post(target, form=fields, max_redirects=0)
    assert first.status == again.status == 303
    assert first.headers["location"] == again.headers["location"]
    async with httpx.AsyncClient(timeout=10) as client:
        mine = await client.get(
            f"{web_stack.services.intake.url}/concerns", headers=web_stack.bearer("teacher-tiina")
        )
    assert [c["student_ref"] for c in mine.json()].count("student-0102") == 1
