"""A guardian the student has barred (§18.2) sees nothing of the barred case: not in the
family's overview, not in the record, not at the case's consent page's address."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from tests.support.browser import axe_check, shot
from tests.support.journeys import case_led_by, raise_by_api, step_by_api
from tests.support.web_stack import WebStack

pytestmark = pytest.mark.browser

REASON = "Pelkää kotona seurauksia, jos huoltaja kuulee tästä nyt."
BAR = {
    "bars": ["participation", "confidential_data"],
    "reason": REASON,
    "assessment": "Oppilaan edun mukaista: turvallisuus ensin, asia käsitellään oppilaan kanssa.",
}


async def test_a_barred_guardian_sees_nothing_of_the_barred_case(
    page: Page, web_stack: WebStack
) -> None:
    await raise_by_api(web_stack, student_ref="student-0002")
    case = await case_led_by(web_stack, "psychologist-elias", "student-0002")
    await web_stack.sign_in(page, "guardian-0002")  # English in the directory
    # Before the bar the guardian sees that the matter was taken up...
    assert await page.locator(f'[aria-labelledby="case-{case["case_id"]}"]').count() == 1
    await shot(page, "family-overview-before-bar")

    await step_by_api(web_stack, case["case_id"], "guardian-bar", BAR, as_="psychologist-elias")
    await page.reload()
    # ...and after it, nothing at all: not even that there is a case.
    await page.locator("main").get_by_text("student-0002").first.wait_for()
    assert case["case_id"] not in await page.content()
    assert await page.locator(".family-case").count() == 0
    await shot(page, "family-barred-overview")
    await axe_check(page, "family-barred-overview")

    await page.goto(f"{web_stack.url}/family/students/student-0002/record")
    assert case["case_id"] not in await page.content()
    assert REASON not in await page.content()
    await shot(page, "family-barred-record")

    answer = await page.goto(f"{web_stack.url}/family/cases/{case['case_id']}/consent")
    assert answer is not None
    assert answer.status in (403, 404)
    assert REASON not in await page.content()
