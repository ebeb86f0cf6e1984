"""A staff member raises a concern on one page and follows the ones they raised."""

from __future__ import annotations

import re
from typing import Any

from services.web.domain.person import SignedIn
from services.web.service_layer.api import FieldError, Forbidden, Invalid, Service, TooMany
from shared.contracts import Role
from tests.fakes.web import Call
from tests.support.web import CSRF, WebApp

TEACHER = SignedIn("teacher-tiina", Role.TEACHER, ("kallio-school",), locale="en")
TWO_SCHOOLS = SignedIn("teacher-taru", Role.TEACHER, ("kallio-school", "vallila-school"))
NO_SCHOOL = SignedIn("teacher-uusi", Role.TEACHER, (), locale="en")
GUARDIAN = SignedIn("guardian-gun", Role.GUARDIAN, (), ("stu-2041",), locale="en")
CONCERN_ID = "6f1c3e0a-9a57-4d0e-8c43-2b1d7a4e9f10"
RAISED = {"concern_id": CONCERN_ID, "status_url": f"http://intake/concerns/{CONCERN_ID}/status"}


def a_concern(**changes: Any) -> dict[str, Any]:
    return {
        "csrf_token": CSRF,
        "idempotency_key": "key-of-the-page",
        "student_ref": "stu-2041",
        "categories": ["mental_health", "attendance"],
        "urgency": "urgent",
        "description": "Cried in class twice this week; said she does not want to come back.",
        "student_informed": "yes",
        **changes,
    }


def row(**changes: Any) -> dict[str, Any]:
    return {
        "concern_id": CONCERN_ID,
        "student_ref": "stu-2041",
        "school_id": "kallio-school",
        "categories": ["mental_health"],
        "urgency": "urgent",
        "raised_at": "2027-05-03T06:15:00+00:00",
        "status": "with_welfare_group",
        "handled_by_role": "psychologist",
        "handed_over_at": "2027-05-03T06:16:00+00:00",
        "history": [],
        **changes,
    }


def posts(web: WebApp) -> list[Call]:
    return [c for c in web.services.calls if c.method == "POST"]


async def test_the_form_carries_a_key_and_asks_no_school_of_someone_at_one() -> None:
    async with WebApp().client(as_=TEACHER) as client:
        page = await client.get("/concerns/new")
    assert page.status_code == 200
    assert re.search(r'name="idempotency_key" value="[0-9a-f-]{36}"', page.text)
    assert '<input type="hidden" name="school_id" value="kallio-school">' in page.text
    assert "withdrawn, anxious, low mood, talk of self-harm" in page.text
    assert "Child Welfare Act 417/2007, §25" in page.text  # shown without JavaScript
    assert page.text.count("<h1>") == 1


async def test_several_schools_are_a_choice() -> None:
    async with WebApp().client(as_=TWO_SCHOOLS) as client:
        page = await client.get("/concerns/new")
    assert '<select id="f-school_id" name="school_id"' in page.text
    assert '<option value="vallila-school">' in page.text


async def test_a_concern_sends_exactly_the_apis_body_with_the_pages_key() -> None:
    web = WebApp()
    web.services.answer(Service.INTAKE, "POST", "/concerns", RAISED)
    async with web.client(as_=TEACHER) as client:
        answer = await client.post("/concerns/new", data=a_concern())
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/concerns?raised={CONCERN_ID}"
    (call,) = posts(web)
    assert call.token == "token-of-the-person"
    assert call.headers == {"Idempotency-Key": "key-of-the-page"}
    assert call.body == {
        "student_ref": "stu-2041",
        "school_id": "kallio-school",
        "categories": ["attendance", "mental_health"],
        "urgency": "urgent",
        "description": "Cried in class twice this week; said she does not want to come back.",
        "student_informed": True,
        "guardian_informed": False,
        "guardian_must_not_be_told_yet": False,
        "guardian_hold_ground": None,
    }


async def test_a_double_click_sends_the_same_key_twice() -> None:
    web = WebApp()
    web.services.answer(Service.INTAKE, "POST", "/concerns", RAISED)
    async with web.client(as_=TEACHER) as client:
        page = await client.get("/concerns/new")
        key = re.search(r'name="idempotency_key" value="([^"]+)"', page.text)
        assert key is not None
        form = a_concern(idempotency_key=key.group(1))
        first = await client.post("/concerns/new", data=form)
        second = await client.post("/concerns/new", data=form)
    assert first.headers["location"] == second.headers["location"]
    keys = {c.headers["Idempotency-Key"] for c in posts(web) if c.headers}
    assert keys == {key.group(1)}


async def test_a_guardians_hold_is_sent_with_its_ground() -> None:
    web = WebApp()
    web.services.answer(Service.INTAKE, "POST", "/concerns", RAISED)
    form = a_concern(guardian_must_not_be_told_yet="yes", guardian_hold_ground="risk_to_student")
    async with web.client(as_=TEACHER) as client:
        await client.post("/concerns/new", data=form)
    (call,) = posts(web)
    assert call.body is not None
    assert call.body["guardian_must_not_be_told_yet"] is True
    assert call.body["guardian_hold_ground"] == "risk_to_student"


async def test_a_hold_without_a_reason_is_said_beside_the_reason_and_nothing_is_sent() -> None:
    web = WebApp()
    async with web.client(as_=TEACHER) as client:
        page = await client.post("/concerns/new", data=a_concern(guardian_must_not_be_told_yet="1"))
    assert page.status_code == 422
    assert posts(web) == []
    error = re.search(r'id="f-guardian_hold_ground-error">(.*?)</p>', page.text, re.S)
    assert error is not None
    assert "choose a reason" in error.group(1)
    assert "said she does not want to come back" in page.text
    assert 'name="guardian_must_not_be_told_yet" value="yes" checked' in page.text


async def test_the_services_invalid_is_shown_beside_its_field_and_the_text_kept() -> None:
    web = WebApp()
    refusal = Invalid("The request is invalid.", [FieldError("categories.1", "not a category")])
    web.services.answer(Service.INTAKE, "POST", "/concerns", refusal)
    async with web.client(as_=TEACHER) as client:
        page = await client.post("/concerns/new", data=a_concern(idempotency_key="k-1"))
    assert page.status_code == 422
    assert re.search(r'id="f-categories-error">.*not a category', page.text, re.S)
    assert "said she does not want to come back.</textarea>" in page.text
    assert 'value="k-1"' in page.text  # nothing was raised: the same raising, to send again
    assert re.search(r'value="mental_health" checked', page.text)


async def test_a_key_used_for_another_concern_gets_a_new_key_and_says_so() -> None:
    web = WebApp()
    web.services.answer(Service.INTAKE, "POST", "/concerns", Invalid("key reused", []))
    async with web.client(as_=TEACHER) as client:
        page = await client.post("/concerns/new", data=a_concern(idempotency_key="k-1"))
    assert page.status_code == 409
    assert "already sent as another concern" in page.text
    assert 'value="k-1"' not in page.text


async def test_a_crafted_school_is_refused_beside_the_field_without_calling_intake() -> None:
    web = WebApp()
    async with web.client(as_=TEACHER) as client:
        page = await client.post("/concerns/new", data=a_concern(school_id="other-school"))
    assert page.status_code == 422
    assert posts(web) == []
    assert "only at a school you work at" in page.text


async def test_intakes_own_refusal_of_a_school_is_the_forbidden_page() -> None:
    web = WebApp()
    web.services.answer(Service.INTAKE, "POST", "/concerns", Forbidden("not your school"))
    async with web.client(as_=TEACHER) as client:
        page = await client.post("/concerns/new", data=a_concern())
    assert page.status_code == 403


async def test_every_field_missing_is_said_beside_it() -> None:
    web = WebApp()
    async with web.client(as_=TEACHER) as client:
        page = await client.post("/concerns/new", data={"csrf_token": CSRF})
    assert page.status_code == 422
    for field in ("student_ref", "categories", "urgency", "description"):
        assert f'id="f-{field}-error"' in page.text
    assert posts(web) == []


async def test_an_identity_code_is_not_taken_for_a_reference() -> None:
    async with WebApp().client(as_=TEACHER) as client:
        page = await client.post("/concerns/new", data=a_concern(student_ref="010203A123B"))
    assert "personal identity code" in page.text


async def test_too_many_is_the_global_page() -> None:
    web = WebApp()
    web.services.answer(Service.INTAKE, "POST", "/concerns", TooMany(120))
    async with web.client(as_=TEACHER) as client:
        page = await client.post("/concerns/new", data=a_concern())
    assert page.status_code == 429
    assert "120" in page.text


async def test_a_stale_page_gives_back_what_was_typed_with_its_key() -> None:
    web = WebApp()
    async with web.client(as_=TEACHER) as client:
        stale = await client.post("/concerns/new", data=a_concern(csrf_token="old"))
        page = await client.get(stale.headers["location"])
    assert stale.headers["location"] == "/concerns/new?stale=1"
    assert "said she does not want to come back.</textarea>" in page.text
    assert 'value="key-of-the-page"' in page.text
    assert "nothing was sent" in page.text


async def test_someone_with_no_school_is_told_why_nothing_can_be_sent() -> None:
    web = WebApp()
    async with web.client(as_=NO_SCHOOL) as client:
        page = await client.get("/concerns/new")
        posted = await client.post("/concerns/new", data=a_concern())
    assert page.status_code == posted.status_code == 403
    assert "Your sign-in names no school" in page.text
    assert posts(web) == []


async def test_a_guardian_is_told_concerns_are_the_staffs() -> None:
    web = WebApp()
    async with web.client(as_=GUARDIAN) as client:
        page = await client.get("/concerns/new")
        posted = await client.post("/concerns/new", data=a_concern())
        listed = await client.get("/concerns")
    assert page.status_code == posted.status_code == listed.status_code == 403
    assert "ask for a discussion" in page.text
    assert web.services.calls == []


async def test_my_concerns_show_where_each_is_in_words_and_the_confirmation() -> None:
    web = WebApp()
    web.services.answer(Service.INTAKE, "GET", "/concerns", [row()])
    async with web.client(as_=TEACHER) as client:
        page = await client.get("/concerns", params={"raised": CONCERN_ID})
        plain = await client.get("/concerns", params={"raised": "nonsense"})
    assert "Your concern has been received" in page.text
    assert "professional is told" in page.text
    assert "With the welfare group" in page.text
    assert "Referred to: psychologist" in page.text
    assert "Child Welfare Act" in page.text  # a mental-health concern: the duty repeated
    assert "stu-2041" in page.text
    assert "May 3, 2027 9:15" in page.text
    assert "has been received" not in plain.text


async def test_a_concerns_status_is_asked_of_intake_by_its_id() -> None:
    web = WebApp()
    status = row(status="received", handled_by_role=None, handed_over_at=None)
    status["history"] = [{"status": "received", "at": "2027-05-03T06:15:00+00:00"}]
    web.services.answer(Service.INTAKE, "GET", f"/concerns/{CONCERN_ID}/status", status)
    async with web.client(as_=TEACHER) as client:
        page = await client.get(f"/concerns/{CONCERN_ID.upper()}")
    assert page.status_code == 200
    assert "Received" in page.text
    assert "not yet" in page.text


async def test_a_crafted_concern_id_never_reaches_intake() -> None:
    web = WebApp()
    async with web.client(as_=TEACHER) as client:
        page = await client.get("/concerns/not-a-uuid")
        dotted = await client.get("/concerns/..%2F..%2Fadmin")
    assert page.status_code == 404
    assert dotted.status_code == 404
    assert web.services.calls == []
