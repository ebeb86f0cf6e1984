"""What the platform sends points at the web app: a concern raised through intake's API
reaches the responsible psychologist by email, with a link to the case's web page."""

from __future__ import annotations

import pytest

from tests.support.journeys import raise_by_api
from tests.support.web_stack import WebStack

pytestmark = pytest.mark.browser

PSYCHOLOGIST = "psychologist-elias@kallio-school.example"


async def test_an_email_links_to_the_case_page_of_the_web_app(web_stack: WebStack) -> None:
    before = len(web_stack.mail_to(PSYCHOLOGIST))
    await raise_by_api(web_stack, student_ref="student-0450")  # asserts the 201
    message = await web_stack.email_to(PSYCHOLOGIST, after=before)
    link = web_stack.link_in(message, "/cases/")
    assert link.startswith(f"{web_stack.url}/cases/")
