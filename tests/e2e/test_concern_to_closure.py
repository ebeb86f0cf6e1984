"""A whole case through the API, each service in its own process: from the concern raised
to the case closed, with every record entry and every notification checked, and the steps
the law forbids refused on the way."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator

import httpx
import pytest

from tests.factories import day_ahead, moment_ahead, raise_concern_request
from tests.support.case_api import CaseClient, get_json
from tests.support.identity import bearer
from tests.support.smtp import SmtpServer
from tests.support.stack import Stack, stack
from tests.support.waiting import eventually

__all__ = ["stack"]  # the fixture, from tests/support

pytestmark = pytest.mark.e2e

PSYCHOLOGIST = {"staff_id": "psychologist-elias", "role": "psychologist"}
NURSE = {"staff_id": "nurse-aino", "role": "nurse"}
KURAATTORI = {"staff_id": "kuraattori-kaisa", "role": "kuraattori"}

RECORD = [
    "case_opened",
    "discussion_offered",
    "consent_requested",
    "consent_decision",
    "student_view",
    "record_header",  # §20.4: the welfare record begins as the group is formed
    "group_formed",
    "meeting_scheduled",
    "meeting_held",
    "measures_agreed",
    "follow_up_review",
    "follow_up_review",
    "closed",
]
# Opening: the psychologist (responsible), the nurse and the guardian (email only). The
# consent request: the guardian, who was asked. The group formed and the meeting called:
# the members other than the psychologist, who took both steps.
EMAILS = {
    "psychologist-elias@kallio-school.example": 1,
    "nurse-aino@kallio-school.example": 3,
    "kuraattori-kaisa@kallio-school.example": 2,
    "guardian-0001@family.example": 2,
}
INBOX = {"psychologist-elias": 1, "nurse-aino": 3, "kuraattori-kaisa": 2, "guardian-0001": 0}


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=10) as http:
        yield http


async def test_a_case_is_carried_from_concern_to_closure_through_the_api(
    stack: Stack, smtp: SmtpServer, client: httpx.AsyncClient
) -> None:
    await stack.start()
    raised = await client.post(
        f"{stack.intake.url}/concerns",
        json=raise_concern_request(),
        headers=bearer("teacher-tiina"),
    )
    assert raised.status_code == 201
    staff_cases = f"{stack.welfare_group.url}/staff/psychologist-elias/cases"
    (opened,) = await eventually(lambda: get_json(client, staff_cases, "psychologist-elias"))
    case = CaseClient(client, stack.welfare_group.url, opened["case_id"])

    await case.step("discussion-offers", {"offered_on": opened["opened_at"][:10]})
    await case.step("consent-requests", {"from": "guardian", "purpose": "expert group"})
    early = await case.step(
        "expert-group", {"members": [PSYCHOLOGIST], "responsible": "psychologist-elias"}, 409
    )
    assert early["rule"] == "case lifecycle"
    assert "consent" in early["instead"]
    await case.step("consent-decisions", {
        "given": True, "given_by": "guardian", "student_can_judge": False,
        "capacity_reasons": "too young to take in what the group would do",
        "purpose": "expert group", "members": ["psychologist-elias", "nurse-aino",
        "kuraattori-kaisa"], "form": "written",
    })  # fmt: skip
    await case.step("student-views", {"views": "wants help", "wishes": "talks at school"})
    group = [PSYCHOLOGIST, NURSE, KURAATTORI]
    await case.step("expert-group", {"members": group, "responsible": "psychologist-elias"})
    await case.step("meetings", {"on": moment_ahead(40, "12:00:00+02:00"), "attendees": group})
    (meeting,) = (await case.view())["meetings"]
    await case.step(f"meetings/{meeting['meeting_id']}/held", {
        "attendees": group, "handling": "plan agreed with the student and the guardian",
    })  # fmt: skip
    measure = {"description": "weekly talks", "carried_out_by": "psychologist-elias",
               "followed_up_by": "nurse-aino", "review_on": day_ahead(60)}  # fmt: skip
    discipline = await case.step("measures", {"measures": [{**measure, "kind": "discipline"}]}, 409)
    assert discipline["rule"] == "§14"
    await case.step("measures", {"measures": [{**measure, "kind": "support_discussions"}]})
    await case.step("reviews", {"outcome": "continue", "progress": "attending the talks"})
    closed = await case.step("reviews", {
        "outcome": "close", "progress": "doing well", "closing_reason": "support no longer needed",
    })  # fmt: skip
    assert closed["status"] == "closed"
    late = await case.step(
        "meetings", {"on": moment_ahead(90, "12:00:00+02:00"), "attendees": group}, 409
    )
    assert "closed" in late["message"]

    record = await case.view("/record")
    assert [e["kind"] for e in record] == RECORD
    assert [e["seq"] for e in record] == list(range(len(RECORD)))
    assert all(e["author"]["role"] for e in record)
    assert record[0]["author"] == {"staff_id": "teacher-tiina", "role": "teacher"}
    assert record[3]["content"]["covers"]["members"] == sorted(
        ["psychologist-elias", "nurse-aino", "kuraattori-kaisa"]
    )
    assert (await case.view())["closed_reason"] == "support no longer needed"

    await eventually(lambda: _emails(smtp) == EMAILS, timeout=20)
    await asyncio.sleep(1.5)  # anything sent twice would have arrived by now
    assert _emails(smtp) == EMAILS
    assert await _inbox(client, stack) == INBOX
    subjects = {m["Subject"] for m in smtp.sink.to("guardian-0001@family.example")}
    assert subjects == {"Viesti koulun opiskeluhuollosta", "Opiskeluhuolto pyytää suostumustanne"}


def _emails(smtp: SmtpServer) -> dict[str, int]:
    return dict(Counter(m["To"] for m in smtp.sink.received))


async def _inbox(client: httpx.AsyncClient, stack: Stack) -> dict[str, int]:
    base = stack.notifications.url
    return {p: len(await get_json(client, f"{base}/people/{p}/inbox", p)) for p in INBOX}
