"""The family's screens: their own students only, their cases as the welfare group shows
them, a discussion asked for, consent answered item by item and withdrawn, the record, and
who has seen their data, from three services, one of which may be down."""

from __future__ import annotations

from typing import Any

import pytest

from services.web.domain.person import SignedIn
from services.web.entrypoints.sessions import COOKIE
from services.web.service_layer.api import Conflict, FieldError, Forbidden, Invalid, Unavailable
from services.web.service_layer.api import Service as S
from shared.contracts import Role
from tests.fakes.web import FakeServices
from tests.support.web import CSRF, WebApp
from tests.web.family_fixtures import CASE, GUARDIAN, STUDENT, a_use

REQUEST = "0b6e1f3c-2d4a-4b5c-9d6e-7f8091a2b3c4"
TEACHER = SignedIn("teacher-tiina", Role.TEACHER, ("kallio-school",), locale="en")


def a_case(**changes: Any) -> dict[str, Any]:
    return {
        "case_id": CASE,
        "status": "consent_requested",
        "opened_at": "2026-09-01T08:00:00+00:00",
        "categories": ["mental_health"],
        "responsible_profession": "kuraattori",
        "discussion_requested_on": "2026-09-01",
        "discussion_due_on": "2026-09-10",
        "discussion_offered_on": None,
        "consent_requests": [
            {
                "request_id": REQUEST,
                "asked_at": "2026-09-02T09:00:00+00:00",
                "asked_of": "guardian",
                "purpose": "Planning support for coming to school",
                "members": [
                    {"staff_id": "nurse-nea", "role": "nurse", "decision": None},
                    {"staff_id": "psy-pekka", "role": "psychologist", "decision": None},
                ],
                "outside_parties": [{"party": "youth-services", "decision": None}],
            }
        ],
        "consent_items": [],
        **changes,
    }


def services(cases: dict[str, list[dict[str, Any]]] | None = None) -> FakeServices:
    fake = FakeServices()
    for ref, found in (cases or {"stu-aino": [a_case()], "stu-eero": []}).items():
        fake.answer(S.WELFARE_GROUP, "GET", f"/students/{ref}/cases", found)
    return fake


async def test_a_guardian_sees_one_card_per_child_with_only_what_the_service_returned() -> None:
    fake = services()
    async with WebApp(fake).client(as_=GUARDIAN) as client:
        page = await client.get("/family")
    assert page.status_code == 200
    assert "Student stu-aino" in page.text
    assert "Student stu-eero" in page.text
    assert page.text.count('class="family-case"') == 1  # the one case returned, nothing else
    assert "Planning support for coming to school" in page.text
    assert f"/family/cases/{CASE}/consent" in page.text
    assert "/family/students/stu-eero/discussion-requests" in page.text
    assert [c.path for c in fake.calls] == [
        "/students/stu-aino/cases",
        "/students/stu-eero/cases",
    ]
    assert {c.token for c in fake.calls} == {"token-of-the-person"}


async def test_a_student_sees_their_own_matters_only() -> None:
    fake = services({"stu-aino": [a_case(consent_requests=[])]})
    async with WebApp(fake).client(as_=STUDENT) as client:
        page = await client.get("/family")
    assert "Your matters" in page.text
    assert [c.path for c in fake.calls] == ["/students/stu-aino/cases"]


@pytest.mark.parametrize(
    "path",
    [
        "/family/students/stu-someone/record",
        "/family/students/stu-someone/access-log",
        "/family/students/stu-someone/discussion-requests",
    ],
)
async def test_a_child_not_in_the_sign_in_is_refused_without_a_call(path: str) -> None:
    fake = services()
    async with WebApp(fake).client(as_=GUARDIAN) as client:
        page = await client.get(path)
    assert page.status_code == 403
    assert "does not name this student as yours" in page.text
    assert fake.calls == []


async def test_a_student_cannot_open_another_students_pages() -> None:
    fake = services()
    async with WebApp(fake).client(as_=STUDENT) as client:
        page = await client.get("/family/students/stu-eero/record")
    assert page.status_code == 403
    assert fake.calls == []


@pytest.mark.parametrize(
    "path",
    [
        "/family/cases/not-a-uuid/consent",
        "/family/cases/..%2F..%2Fadmin/consent",
        "/family/students/a%2Fb/record",
        "/family/students/010101-123A/record",  # an identity code is never a reference
        "/family/students/..%2Fstu-aino/access-log",
    ],
)
async def test_a_crafted_address_is_not_found_without_a_call(path: str) -> None:
    fake = services()
    async with WebApp(fake).client(as_=GUARDIAN) as client:
        page = await client.get(path)
    assert page.status_code == 404
    assert fake.calls == []


async def test_someone_of_another_role_gets_the_refusal_page() -> None:
    fake = services()
    async with WebApp(fake).client(as_=TEACHER) as client:
        page = await client.get("/family")
    assert page.status_code == 403
    assert fake.calls == []


def posted(fake: FakeServices) -> list[Any]:
    return [c for c in fake.calls if c.method == "POST"]


async def test_asking_for_a_discussion_sends_the_request_and_says_what_happens_next() -> None:
    fake = services()
    fake.answer(
        S.INTAKE,
        "POST",
        "/students/stu-aino/discussion-requests",
        {"concern_id": "c-1", "status_url": "http://127.0.0.1:8080/concerns/c-1/status"},
    )
    form = {
        "csrf_token": CSRF,
        "discussion_with": "kuraattori",
        "urgency": "urgent",
        "categories": ["attendance", "mental_health"],
        "text": "  She has not slept for a week.  ",
        "student_informed": "yes",
    }
    async with WebApp(fake).client(as_=GUARDIAN) as client:
        sent = await client.post("/family/students/stu-aino/discussion-requests", data=form)
        page = await client.get(sent.headers["location"])
    (call,) = posted(fake)
    assert call.body == {
        "school_id": "kallio-school",
        "discussion_with": "kuraattori",
        "urgency": "urgent",
        "categories": ["attendance", "mental_health"],
        "text": "She has not slept for a week.",
        "student_informed": True,
    }
    assert sent.status_code == 303
    assert "the same or the next working day" in page.text


async def test_a_students_own_request_may_ask_that_the_guardian_not_be_told_yet() -> None:
    fake = services()
    fake.answer(S.INTAKE, "POST", "/students/stu-aino/discussion-requests", {"concern_id": "c"})
    form = {"csrf_token": CSRF, "discussion_with": "psychologist", "guardian_not_yet": "yes"}
    async with WebApp(fake).client(as_=STUDENT) as client:
        sent = await client.post("/family/students/stu-aino/discussion-requests", data=form)
        page = await client.get(sent.headers["location"])
    (call,) = posted(fake)
    assert call.body is not None
    assert call.body["guardian_must_not_be_told_yet"] is True
    assert "student_informed" not in call.body
    assert "within 7 school working days" in page.text


async def test_a_discussion_request_missing_answers_shows_each_beside_its_field() -> None:
    fake = services()
    form = {"csrf_token": CSRF, "text": "Kept as typed <b>", "urgency": "someday"}
    async with WebApp(fake).client(as_=GUARDIAN) as client:
        page = await client.post("/family/students/stu-aino/discussion-requests", data=form)
    assert page.status_code == 422
    assert 'id="f-discussion_with-error"' in page.text
    assert 'id="f-urgency-error"' in page.text
    assert 'id="f-student_informed-error"' in page.text
    assert "Kept as typed &lt;b&gt;</textarea>" in page.text
    assert posted(fake) == []


async def test_the_services_field_errors_are_shown_beside_the_fields_with_the_text_kept() -> None:
    fake = services()
    fake.answer(
        S.INTAKE,
        "POST",
        "/students/stu-aino/discussion-requests",
        Invalid("The request is invalid.", [FieldError("text", "too long for intake")]),
    )
    form = {
        "csrf_token": CSRF,
        "discussion_with": "either",
        "student_informed": "no",
        "text": "What I typed",
    }
    async with WebApp(fake).client(as_=GUARDIAN) as client:
        page = await client.post("/family/students/stu-aino/discussion-requests", data=form)
    assert page.status_code == 422
    assert 'id="f-text-error"' in page.text
    assert "too long for intake" in page.text
    assert "What I typed</textarea>" in page.text


async def test_a_discussion_request_typed_before_the_session_ended_is_given_back() -> None:
    web = WebApp(services())
    async with web.client() as client:  # signed out: the draft is kept for the page
        await client.post(
            "/family/students/stu-aino/discussion-requests",
            data={"csrf_token": "old", "text": "My draft", "discussion_with": "psychologist"},
        )
    ((data, _),) = web.sessions.sessions.values()
    sid = web.sessions.sign_in(GUARDIAN)
    web.sessions.sessions[sid][0]["drafts"] = data["drafts"]
    async with web.client() as client:
        client.cookies.set(COOKIE, sid)
        page = await client.get("/family/students/stu-aino/discussion-requests")
    assert "My draft</textarea>" in page.text
    assert 'value="psychologist" checked' in page.text


CONSENT = f"/family/cases/{CASE}/consent"


async def test_the_consent_page_shows_each_item_with_no_answer_chosen() -> None:
    async with WebApp(services()).client(as_=GUARDIAN) as client:
        page = await client.get(CONSENT)
    assert page.status_code == 200
    assert "Planning support for coming to school" in page.text
    for field in ("m-nurse-nea", "m-psy-pekka", "p-youth-services"):
        assert f'name="{field}" value="consent">' in page.text
        assert f'name="{field}" value="refuse">' in page.text
    assert " checked" not in page.text
    assert "withdraw your consent at any time" in page.text


async def test_an_item_left_unanswered_is_an_error_beside_it_and_nothing_is_sent() -> None:
    fake = services()
    form = {"csrf_token": CSRF, "request_id": REQUEST, "m-nurse-nea": "consent"}
    async with WebApp(fake).client(as_=GUARDIAN) as client:
        page = await client.post(CONSENT, data=form)
    assert page.status_code == 422
    assert 'id="f-m-psy-pekka-error"' in page.text
    assert "Choose consent or refuse for psychologist psy-pekka." in page.text
    assert 'id="f-p-youth-services-error"' in page.text
    assert 'id="f-m-nurse-nea-error"' not in page.text
    assert 'id="f-m-nurse-nea" name="m-nurse-nea" value="consent" checked' in page.text
    assert posted(fake) == []


async def test_a_mixed_answer_sends_each_item_as_answered_in_electronic_form() -> None:
    fake = services()
    fake.answer(S.WELFARE_GROUP, "POST", f"/cases/{CASE}/consent-decisions", {"ok": True})
    form = {
        "csrf_token": CSRF,
        "request_id": REQUEST,
        "m-nurse-nea": "consent",
        "m-psy-pekka": "consent",
        "p-youth-services": "refuse",
        "given_by": "student",  # forged: who answers is the token's, never the form's
    }
    async with WebApp(fake).client(as_=GUARDIAN) as client:
        answer = await client.post(CONSENT, data=form)
    assert answer.status_code == 303
    (call,) = posted(fake)
    assert call.body == {
        "request_id": REQUEST,
        "form": "electronic",
        "members": ["nurse-nea", "psy-pekka"],
        "refused_members": [],
        "outside_parties": [],
        "refused_outside_parties": ["youth-services"],
    }


async def test_a_forged_request_id_sends_nothing() -> None:
    fake = services()
    form = {
        "csrf_token": CSRF,
        "request_id": "11111111-2222-4333-8444-555555555555",
        "m-nurse-nea": "consent",
        "m-psy-pekka": "consent",
        "p-youth-services": "consent",
    }
    async with WebApp(fake).client(as_=GUARDIAN) as client:
        page = await client.post(CONSENT, data=form)
    assert page.status_code == 422
    assert "no longer open" in page.text
    assert posted(fake) == []


async def test_the_services_refusal_of_an_answer_shows_the_rule_and_what_to_do() -> None:
    fake = services()
    fake.answer(
        S.WELFARE_GROUP,
        "POST",
        f"/cases/{CASE}/consent-decisions",
        Conflict("§14", "no consent request open for you to answer", "ask the staff to ask"),
    )
    form = {
        "csrf_token": CSRF,
        "request_id": REQUEST,
        "m-nurse-nea": "refuse",
        "m-psy-pekka": "refuse",
        "p-youth-services": "refuse",
    }
    async with WebApp(fake).client(as_=GUARDIAN) as client:
        page = await client.post(CONSENT, data=form)
    assert page.status_code == 409
    assert 'class="refusal"' in page.text
    assert "no consent request open for you to answer" in page.text
    assert "ask the staff to ask" in page.text
    assert 'name="m-nurse-nea" value="refuse" checked' in page.text


async def test_a_case_the_service_does_not_show_this_person_is_not_found() -> None:
    fake = services({"stu-aino": [], "stu-eero": []})
    async with WebApp(fake).client(as_=GUARDIAN) as client:
        page = await client.get(CONSENT)
    assert page.status_code == 404


async def test_withdrawing_asks_first_then_withdraws() -> None:
    fake = services(
        {
            "stu-aino": [a_case(consent_items=[{"item": "nurse-nea", "decision": "consented"}])],
            "stu-eero": [],
        }
    )
    fake.answer(S.WELFARE_GROUP, "POST", f"/cases/{CASE}/consent-withdrawals", {"ok": True})
    async with WebApp(fake).client(as_=GUARDIAN) as client:
        confirm = await client.get(f"{CONSENT}/withdrawal")
        assert posted(fake) == []
        done = await client.post(f"{CONSENT}/withdrawal", data={"csrf_token": CSRF})
    assert "Yes, withdraw my consent" in confirm.text
    assert "nurse-nea" in confirm.text
    (call,) = posted(fake)
    assert call.path == f"/cases/{CASE}/consent-withdrawals"
    assert call.body == {}
    assert "Your consent is withdrawn" in done.text


async def test_a_refused_withdrawal_shows_the_refusal() -> None:
    fake = services()
    fake.answer(
        S.WELFARE_GROUP,
        "POST",
        f"/cases/{CASE}/consent-withdrawals",
        Conflict("§14", "no consent of yours is in force", "nothing to withdraw"),
    )
    async with WebApp(fake).client(as_=STUDENT) as client:
        page = await client.post(f"{CONSENT}/withdrawal", data={"csrf_token": CSRF})
    assert page.status_code == 409
    assert "no consent of yours is in force" in page.text


def an_entry(
    kind: str, at: str, content: dict[str, Any], role: str = "kuraattori"
) -> dict[str, Any]:
    return {
        "entry_id": "e-" + at,
        "seq": 1,
        "kind": kind,
        "at": at,
        "author": {"staff_id": "kur-kaisa", "role": role},
        "content": content,
        "corrects": None,
        "register": "welfare",
        "controller": "education_provider",
    }


async def test_the_record_shows_each_entry_when_who_and_what() -> None:
    fake = services()
    export = {
        "student_ref": "stu-aino",
        "exported_at": "2026-10-01T10:00:00+00:00",
        "cases": [
            {
                "case_id": CASE,
                "status": "follow_up",
                "opened_at": "2026-09-01T08:00:00+00:00",
                "record": [
                    an_entry(
                        "meeting_held",
                        "2026-09-15T10:00:00+00:00",
                        {"handling": "We talked <calmly>", "meeting_id": "m", "attendees": []},
                    ),
                    an_entry(
                        "consent_decision",
                        "2026-09-05T10:00:00+00:00",
                        {"given": True, "purpose": "Support"},
                        "nurse",
                    ),
                ],
            }
        ],
    }
    fake.answer(S.WELFARE_GROUP, "GET", "/students/stu-aino/record", export)
    async with WebApp(fake).client(as_=STUDENT) as client:
        page = await client.get("/family/students/stu-aino/record")
    assert page.status_code == 200
    assert "A meeting was held" in page.text
    assert "We talked &lt;calmly&gt;" in page.text
    assert "kuraattori kur-kaisa" in page.text
    assert "school nurse kur-kaisa" in page.text
    assert 'datetime="2026-09-15T10:00:00+00:00"' in page.text


async def test_a_refused_record_shows_the_services_reason() -> None:
    fake = services()
    fake.answer(
        S.WELFARE_GROUP,
        "GET",
        "/students/stu-eero/record",
        Forbidden("The student has barred the guardian (§18)."),
    )
    async with WebApp(fake).client(as_=GUARDIAN) as client:
        page = await client.get("/family/students/stu-eero/record")
    assert page.status_code == 403
    assert "The student has barred the guardian (§18)." in page.text


async def test_who_has_seen_the_data_is_one_list_newest_first_across_the_services() -> None:
    fake = services()
    log = "/students/stu-aino/access-log"
    fake.answer(
        S.INTAKE,
        "GET",
        log,
        [
            a_use("2026-09-03T09:00:00+00:00", "intake-second"),
            a_use("2026-09-02T12:00:00+03:00", "intake-third"),
        ],
    )
    fake.answer(
        S.WELFARE_GROUP,
        "GET",
        log,
        [
            a_use("2026-09-04T09:00:00+00:00", "welfare-first"),
            a_use("2026-09-01T09:00:00+00:00", "welfare-fourth", granted=False),
        ],
    )
    async with WebApp(fake).client(as_=STUDENT) as client:
        page = await client.get("/family/access-log")
    order = [
        page.text.index(a)
        for a in ("welfare-first", "intake-second", "intake-third", "welfare-fourth")
    ]
    assert order == sorted(order)
    assert "Refused" in page.text
    assert "Student welfare cases" in page.text
    assert "Concerns and requests" in page.text
    assert "member of the expert group" in page.text
    assert "the school health care record" in page.text
    assert "did not answer" not in page.text


async def test_one_service_down_shows_the_others_and_names_the_missing_one() -> None:
    fake = services()
    log = "/students/stu-eero/access-log"
    fake.answer(S.INTAKE, "GET", log, [a_use("2026-09-03T09:00:00+00:00", "intake-only")])
    fake.answer(S.WELFARE_GROUP, "GET", log, Unavailable("welfare_group"))
    async with WebApp(fake).client(as_=GUARDIAN) as client:
        page = await client.get("/family/students/stu-eero/access-log")
    assert page.status_code == 200
    assert "intake-only" in page.text
    assert "did not answer" in page.text
    missing = page.text[page.text.index("did not answer") :]
    assert missing.index("Student welfare cases") < missing.index("Try again later")


async def test_the_family_pages_speak_finnish_and_swedish() -> None:
    fake = services()
    for language, words in (("fi", "Pyydä keskustelua"), ("sv", "Be om ett samtal")):
        person = SignedIn("stu-aino", Role.STUDENT, ("kallio-school",), locale=language)
        async with WebApp(fake).client(as_=person) as client:
            page = await client.get("/family")
        assert words in page.text
