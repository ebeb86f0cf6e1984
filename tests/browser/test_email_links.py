"""What the platform sends points at the web app: a concern raised through intake's API
reaches the responsible psychologist by email, with a link to the case's web page."""

from __future__ import annotations

import httpx
import pytest

from tests.factories import raise_concern_request
from tests.support.web_stack import WebStack

pytestmark = pytest.mark.browser

PSYCHOLOGIST = "psychologist-elias@kallio-school.example"


async def test_an_email_links_to_the_case_page_of_the_web_app(web_stack: WebStack) -> None:
    before = len(web_stack.mail_to(PSYCHOLOGIST))
    async with httpx.AsyncClient(timeout=10) as client:
        raised = await client.post(
            f"{web_stack.services.intake.url}/concerns",
            json=raise_concern_request(student_ref="student-0450"),
            headers=web_stack.bearer("teacher-tiina"),
        )
    assert raised.status_code == 201, raised.text
    message = await web_stack.email_to(PSYCHOLOGIST, after=before)
    link = web_stack.link_in(message, "/cases/")
    assert link.startswith(f"{web_stack.url}/cases/")
