"""The administrator's operations console in a real browser on the whole platform: every
page renders and passes axe, at desktop width and on a phone; a malformed event dead-lettered
by the welfare group appears in the list, and discarding it with a reason moves it to
discarded."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from playwright.async_api import Page

from shared.topics import CONCERNS
from tests.support.browser import NewContext, axe_check, shot
from tests.support.kafka import produce
from tests.support.waiting import eventually
from tests.support.web_stack import WebStack

pytestmark = pytest.mark.browser

PAGES = ("/operations", "/operations/dead-letters", "/operations/deliveries", "/operations/timers")
KEY = "console-probe-1"


async def look(page: Page, name: str) -> None:
    await shot(page, name)
    await axe_check(page, name)


async def dead_letter(stack: WebStack) -> dict[str, Any]:
    """The welfare group's ledger entry of the message this test produced (by its key)."""
    url = f"{stack.services.welfare_group.url}/dead-letters"

    async def found() -> dict[str, Any] | None:
        async with httpx.AsyncClient() as client:
            answer = await client.get(url, params={"reason": "malformed_json"},
                                      headers=stack.bearer("admin-1"))  # fmt: skip
        answer.raise_for_status()
        return next((e for e in answer.json()["entries"] if e["key"] == KEY), None)

    entry: dict[str, Any] = await eventually(found, timeout=30)
    return entry


async def test_the_console_pages_render_and_pass_axe(
    new_context: NewContext, web_stack: WebStack
) -> None:
    page = await (await new_context()).new_page()
    assert await web_stack.sign_in(page, "admin-1") == "/operations"  # the administrator's home
    for path in PAGES:
        await page.goto(f"{web_stack.url}{path}")
        assert await page.locator("h1").count() == 1
        await look(page, f"console{path.replace('/', '-')}")
    await page.goto(f"{web_stack.url}/operations")
    for service in ("intake", "welfare_group", "notifications"):
        card = page.locator(".ops-card", has_text=service)
        await card.locator(".badge").first.wait_for()
    assert await page.locator(".ops-card--down").count() == 0
    # htmx swaps the live section in place: the page stays one page with one h1.
    await page.wait_for_timeout(5600)
    assert await page.locator("#live").count() == 1
    assert await page.locator("h1").count() == 1

    phone = await (await new_context(mobile=True)).new_page()
    await web_stack.sign_in(phone, "admin-1", next="/operations")
    await look(phone, "console-operations-phone")


async def test_a_dead_letter_appears_in_the_list_and_is_discarded_with_a_reason(
    new_context: NewContext, web_stack: WebStack
) -> None:
    ns = web_stack.ns
    await produce(ns.infra.bootstrap, ns.topic(CONCERNS.name), b"{not json", key=KEY.encode())
    entry = await dead_letter(web_stack)
    name = f"welfare_group:{entry['id']}"

    page = await (await new_context()).new_page()
    await web_stack.sign_in(page, "admin-1", next="/operations/dead-letters?state=new")
    box = page.locator(f'input[name="selected"][value="{name}"]')
    await box.wait_for()
    await look(page, "console-dead-letters-new")

    await box.check()
    await page.locator('button[name="action"][value="discard"]').click()  # no reason yet
    await page.locator("#f-why-error").wait_for()
    await look(page, "console-dead-letters-no-reason")
    assert await page.locator(f'input[name="selected"][value="{name}"]').is_checked()

    await page.fill("#f-why", "a test's malformed message")
    await page.locator('button[name="action"][value="discard"]').click()
    await page.wait_for_url("**discard=1**")
    assert (await dead_letter(web_stack))["state"] == "discarded"

    await page.goto(f"{web_stack.url}/operations/dead-letters/welfare_group/{entry['id']}")
    assert "hylätty" in await page.locator("main").inner_text()
    await look(page, "console-dead-letter-discarded")
