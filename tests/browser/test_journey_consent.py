"""The main journey, every screen in a real browser against the real stack: a teacher
raises a concern; the psychologist follows the email's link through sign-in, offers the
discussion and asks the guardian for consent; the guardian consents for two members and
refuses the outside party; the psychologist forming the group with that party is refused
with the rule shown, then forms it without; the guardian reads the record and who has
accessed it. Each screen is photographed and checked with axe."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.async_api import BrowserContext, Page

from tests.support.browser import NewContext, axe_check, shot
from tests.support.journeys import case_led_by
from tests.support.waiting import eventually
from tests.support.web_stack import WebStack

pytestmark = pytest.mark.browser

PSYCHOLOGIST = "psychologist-elias@kallio-school.example"
SEEN = "Vetäytynyt ja väsynyt tunneilla kahden viikon ajan; nukahti kahdesti."
PARTY = "youth-services"
SCHOOL_TIME = ZoneInfo("Europe/Helsinki")  # "today" is the school's day


def by_id(page: Page, element_id: str) -> str:
    return f'[id="{element_id}"]'


async def send(page: Page) -> None:
    """The form's own submit button (not "add a row", not the hidden default for Enter)."""
    await page.locator(
        'main form button[type=submit]:not([name]):not([aria-hidden="true"])'
    ).click()


async def look(page: Page, name: str) -> None:
    await shot(page, name)
    await axe_check(page, name)


async def teacher_raises(page: Page, stack: WebStack) -> None:
    await stack.sign_in(page, "teacher-tiina", next="/concerns/new")
    await page.fill("#f-student_ref", "student-0001")
    await page.check('input[name="categories"][value="mental_health"]')
    await page.check('input[name="urgency"][value="routine"]')
    await page.fill("#f-description", SEEN)
    await page.check('input[name="student_informed"]')
    await page.locator("form:has(#f-description) button[type=submit]").click()
    await page.wait_for_url("**/concerns?raised=*")


async def psychologist_asks_for_consent(page: Page, case_url: str) -> None:
    await page.goto(f"{case_url}/steps/discussion-offers")
    await page.fill(by_id(page, "f-offered_on"), "2026-12-40")  # a day that is no day
    await send(page)
    await page.locator(".field--error").first.wait_for()  # beside its field, and kept
    await page.fill(by_id(page, "f-offered_on"), datetime.now(SCHOOL_TIME).date().isoformat())
    await send(page)
    await page.wait_for_url("**?done=discussion-offers*")

    await page.goto(f"{case_url}/steps/consent-requests")
    await page.check(by_id(page, "f-from-guardian"))
    await page.fill(by_id(page, "f-purpose"), "Monialainen asiantuntijaryhmä oppilaan tueksi")
    for row, (staff_id, role) in enumerate(
        (("psychologist-elias", "psychologist"), ("nurse-aino", "nurse"))
    ):
        await page.fill(by_id(page, f"f-members.{row}.staff_id"), staff_id)
        await page.select_option(by_id(page, f"f-members.{row}.role"), role)
    await page.fill(by_id(page, "f-outside_parties"), PARTY)
    await page.check(by_id(page, "f-student_can_judge-no"))
    await page.fill(by_id(page, "f-capacity_reasons"), "Ei vielä kykene arvioimaan merkitystä.")
    await look(page, "step-consent-request")
    await send(page)
    await page.wait_for_url("**?done=consent-requests*")


async def guardian_answers(page: Page, stack: WebStack) -> str:
    await stack.sign_in(page, "guardian-0001")
    answer = page.locator('a[href$="/consent"]').first
    await answer.wait_for()
    await look(page, "family-overview")
    await answer.click()
    await look(page, "family-consent")
    await page.locator('input[type=radio][value="consent"]').nth(0).check()
    await page.locator('input[type=radio][value="consent"]').nth(1).check()
    await page.locator('input[type=radio][value="refuse"]').nth(2).check()
    await send(page)
    await page.wait_for_url("**/consent/answered*")
    await look(page, "family-consent-answered")
    return page.url


async def psychologist_forms_the_group(page: Page, case_url: str) -> None:
    await page.goto(f"{case_url}/steps/expert-group")
    for row, (staff_id, role) in enumerate(
        (("psychologist-elias", "psychologist"), ("nurse-aino", "nurse"))
    ):
        await page.fill(by_id(page, f"f-members.{row}.staff_id"), staff_id)
        await page.select_option(by_id(page, f"f-members.{row}.role"), role)
    await page.fill(by_id(page, "f-responsible"), "psychologist-elias")
    await page.fill(by_id(page, "f-outside_parties"), PARTY)
    await send(page)
    refusal = page.locator(".refusal")
    await refusal.wait_for()
    assert "§14" in await refusal.inner_text()
    assert await page.input_value(by_id(page, "f-outside_parties")) == PARTY  # kept
    await look(page, "step-expert-group-refused")

    await page.fill(by_id(page, "f-outside_parties"), "")
    await send(page)
    await page.wait_for_url("**?done=expert-group*")
    await look(page, "case-workspace")


async def test_from_concern_to_consent_to_the_group(
    new_context: NewContext, web_stack: WebStack
) -> None:
    teacher: BrowserContext = await new_context()
    await teacher_raises(await teacher.new_page(), web_stack)

    # The stack is shared with other journeys, whose mail may still be arriving: the email
    # that counts is the one whose link is this student's case.
    case = await case_led_by(web_stack, "psychologist-elias", "student-0001")
    case_url = f"{web_stack.url}/cases/{case['case_id']}"

    def this_cases_email() -> bool:
        return any(case_url in web_stack.links_in(m) for m in web_stack.mail_to(PSYCHOLOGIST))

    await eventually(this_cases_email, timeout=30)
    psychologist = await (await new_context()).new_page()
    await psychologist.goto(case_url)  # the email's link: through sign-in and back
    await psychologist.locator('button[name="subject"][value="psychologist-elias"]').click()
    await psychologist.wait_for_url(case_url)
    assert "student-0001" in await psychologist.locator("main").inner_text()
    assert await psychologist.locator("html").get_attribute("lang") == "sv"  # his language
    await look(psychologist, "case-workspace-new")
    await psychologist_asks_for_consent(psychologist, case_url)

    guardian = await (await new_context()).new_page()
    await guardian_answers(guardian, web_stack)

    await psychologist_forms_the_group(psychologist, case_url)

    case_id = case_url.rsplit("/", 1)[-1]
    await guardian.goto(f"{web_stack.url}/family/students/student-0001/record")
    await look(guardian, "family-record")
    record = await guardian.locator("main").inner_text()
    assert "youth-services" in record  # the refusal is in the record
    await guardian.goto(f"{web_stack.url}/family/access-log")
    log = await guardian.locator("main").inner_text()
    assert "psychologist-elias" in log
    await look(guardian, "family-access-log")
    assert case_id
