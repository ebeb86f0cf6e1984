"""The whole platform in a browser: the front page, and signing in through the development
provider's page back into the web app, which then calls the services as that person."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from tests.support.browser import axe_check, shot
from tests.support.web_stack import WebStack

pytestmark = pytest.mark.browser


async def test_the_front_page_opens_and_passes_axe(page: Page, web_stack: WebStack) -> None:
    answer = await page.goto(f"{web_stack.url}/")
    assert answer is not None
    assert answer.status == 200
    assert await page.locator("html").get_attribute("lang") == "fi"
    await shot(page, "front")
    await axe_check(page, "front")


async def test_a_teacher_signs_in_through_the_provider(page: Page, web_stack: WebStack) -> None:
    landed = await web_stack.sign_in(page, "teacher-tiina")
    assert landed.startswith("/concerns")  # a teacher's own home: raising and following
    await page.get_by_text("teacher-tiina", exact=False).first.wait_for()
    sign_out = page.locator('form[action="/auth/logout"] button')
    assert await sign_out.count() == 1
    await shot(page, "teacher-signed-in")
    await axe_check(page, "teacher-signed-in")


async def test_a_signed_in_teacher_signs_out(page: Page, web_stack: WebStack) -> None:
    # A real form post: under <meta name="referrer" content="no-referrer"> Chromium sends
    # "Origin: null", which the CSRF check must not take for another site.
    await web_stack.sign_in(page, "teacher-tiina")
    await page.locator('form[action="/auth/logout"] button').click()
    await page.wait_for_url(f"{web_stack.url}/signed-out")
    assert await page.locator('form[action="/auth/logout"]').count() == 0
