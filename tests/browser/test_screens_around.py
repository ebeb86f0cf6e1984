"""The screens around the work: the accessibility statement, signing out, a page that does
not exist, the development sign-in page; and the idle warning, on a page's own clock."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from tests.support.browser import axe_check, shot
from tests.support.web_stack import WebStack

pytestmark = pytest.mark.browser


async def test_the_pages_around_pass_axe(page: Page, web_stack: WebStack) -> None:
    for path, name in (("/accessibility", "accessibility"), ("/no-such-page", "not-found")):
        await page.goto(f"{web_stack.url}{path}")
        await shot(page, name)
        await axe_check(page, name)
    await page.goto(f"{web_stack.url}/auth/login")
    await shot(page, "provider-sign-in")
    await axe_check(page, "provider-sign-in")
    await page.locator('button[name="subject"][value="nurse-aino"]').click()
    await page.wait_for_url(f"{web_stack.url}/inbox")
    await page.locator('form[action="/auth/logout"] button').click()
    await page.wait_for_url(f"{web_stack.url}/signed-out")
    await shot(page, "signed-out")
    await axe_check(page, "signed-out")


async def test_the_idle_warning_comes_before_the_end_and_stay_keeps_the_session(
    page: Page, web_stack: WebStack
) -> None:
    await page.clock.install()
    await web_stack.sign_in(page, "teacher-tiina", next="/concerns/new")
    warning = page.locator("#idle-warning")
    assert await warning.is_hidden()
    await page.clock.fast_forward("25:01")  # 30 minutes idle, warned 5 minutes before
    await warning.wait_for()
    await shot(page, "idle-warning")
    await axe_check(page, "idle-warning")
    async with page.expect_response("**/session/keepalive") as kept:
        await page.locator("#idle-stay").click()
    assert (await kept.value).status == 204
    await warning.wait_for(state="hidden")
    await page.clock.fast_forward("29:00")  # the deadline moved with the keep-alive
    assert page.url.endswith("/concerns/new")
