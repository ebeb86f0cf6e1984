"""A session that ends while a concern is being written loses nothing: the send goes
through sign-in and the form comes back with every word still in it."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from shared.storage import Store
from tests.support.browser import shot
from tests.support.web_stack import WebStack

pytestmark = pytest.mark.browser

SEEN = "Pitkä kuvaus, jota kirjoitettiin puoli tuntia: " + "havainto " * 40


async def test_a_concern_written_while_the_session_lapsed_comes_back_after_sign_in(
    page: Page, web_stack: WebStack
) -> None:
    await web_stack.sign_in(page, "teacher-tiina", next="/concerns/new")
    await page.fill("#f-student_ref", "student-0103")
    await page.check('input[name="categories"][value="attendance"]')
    await page.fill("#f-description", SEEN)

    # The session ends on the server meanwhile (idle, or signed out in another tab).
    store = Store(web_stack.ns.infra.mongo_uri, web_stack.ns.database("web"))
    try:
        await store.collection("sessions").delete_many({})
    finally:
        store.close()

    await page.locator("form:has(#f-description) button[type=submit]").click()
    # Through the provider's page again, then back to the form, filled in as it was.
    await page.locator('button[name="subject"][value="teacher-tiina"]').click()
    await page.wait_for_url("**/concerns/new")
    assert await page.input_value("#f-description") == SEEN
    assert await page.input_value("#f-student_ref") == "student-0103"
    assert await page.is_checked('input[name="categories"][value="attendance"]')
    await shot(page, "concern-form-restored")
