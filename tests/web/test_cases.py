"""The welfare group's case screens: my cases, the case workspace, and its steps as forms."""

from __future__ import annotations

import re
from datetime import timedelta

from services.web.domain.person import SignedIn
from services.web.domain.step_forms import step_forms
from services.web.domain.steps import ITEM_STEPS, LIFECYCLE
from services.web.entrypoints.local_time import today as school_today
from services.web.service_layer.api import Conflict, FieldError, Forbidden, Invalid, Service
from shared.contracts import Role, utc_now
from tests.support.web import CSRF, WebApp
from tests.web.case_fixtures import (
    CASE_ID,
    OPENAPI,
    PSYCHOLOGIST,
    case_json,
    record_json,
    welfare_services,
)

WG = Service.WELFARE_GROUP
TEACHER = SignedIn("teacher-tiina", Role.TEACHER, ("kallio-school",), locale="en")
STEPS = f"/cases/{CASE_ID}/steps"


async def test_my_cases_shows_each_clock_nearest_deadline_first() -> None:
    today = school_today()
    late = case_json(
        case_id="11111111-1111-4111-8111-111111111111", student_ref="stu-late",
        discussion_due_on=(today - timedelta(days=7)).isoformat(), urgency="urgent",
    )  # fmt: skip
    later = case_json(student_ref="stu-later", unassigned=True)
    services = welfare_services()
    services.answer(WG, "GET", "/staff/psy-pia/cases", [later, late])
    async with WebApp(services).client(as_=PSYCHOLOGIST) as client:
        page = await client.get("/cases")
    assert page.status_code == 200
    text = page.text
    assert text.index("stu-late") < text.index("stu-later")
    assert "Late by 5 working days" in text
    assert "Urgent" in text
    assert "Nobody leads this case" in text
    assert "mental health, attendance" in text
    assert services.calls[0].token == "token-of-the-person"


async def test_someone_who_leads_no_cases_is_told_so_without_a_call() -> None:
    services = welfare_services()
    async with WebApp(services).client(as_=TEACHER) as client:
        page = await client.get("/cases")
    assert page.status_code == 403
    assert services.calls == []


async def test_the_case_page_sends_a_visitor_through_sign_in_and_back() -> None:
    async with WebApp(welfare_services()).client() as client:
        page = await client.get(f"/cases/{CASE_ID}")
    assert page.status_code == 303
    assert page.headers["location"] == f"/auth/login?next=/cases/{CASE_ID}"


async def test_a_case_id_that_is_no_uuid_is_no_page_and_no_call() -> None:
    services = welfare_services()
    async with WebApp(services).client(as_=PSYCHOLOGIST) as client:
        page = await client.get("/cases/not-a-uuid")
        dotted = await client.get("/cases/..%2F..%2Fstaff%2Fpsy-pia%2Fcases")
    assert page.status_code == 404
    assert "Page not found" in page.text
    assert dotted.status_code == 404
    assert services.calls == []


async def test_someone_the_service_refuses_sees_its_reason() -> None:
    services = welfare_services()
    services.answer(WG, "GET", f"/cases/{CASE_ID}", Forbidden("not on this case's team"))
    async with WebApp(services).client(as_=TEACHER) as client:
        page = await client.get(f"/cases/{CASE_ID}")
    assert page.status_code == 403
    assert "not on this case&#39;s team" in page.text


async def test_the_workspace_shows_the_record_consents_and_every_step() -> None:
    record = record_json(
        ("case_opened", {"topic": ["mental_health"], "background": "intake:abc",
                         "raised_by": {"staff_id": "teacher-tiina", "role": "teacher"},
                         "guardian_hold_requested": False}),
        ("consent_requested", {"from_": "guardian", "purpose": "Support at school",
                               "members": [{"staff_id": "nurse-noora", "role": "nurse"}],
                               "outside_parties": ["youth-services"]}),
        ("consent_decision", {"given": True, "given_by": "guardian", "student_can_judge": False,
                              "purpose": "Support at school", "form": "written",
                              "covers": {"members": ["nurse-noora"], "outside_parties": []},
                              "refused": {"members": [], "outside_parties": ["youth-services"]}}),
    )  # fmt: skip
    services = welfare_services(record=record)
    async with WebApp(services).client(as_=PSYCHOLOGIST) as client:
        page = await client.get(f"/cases/{CASE_ID}")
    text = page.text
    assert page.status_code == 200
    assert (
        text.index("Case opened") < text.index("Consent asked for") < text.index("Consent decision")
    )
    assert "By psy-pia, psychologist" in text
    assert "welfare register" in text
    assert "the guardian" in text  # the consenter, in words
    assert "youth-services" in text
    assert "refused" in text
    assert "given" in text
    assert 'action="/cases/' + str(CASE_ID) + '/steps/discussion-offers"' in text
    assert ">Offer the §15 discussion</button>" in text
    assert "/steps/record/00000000-0000-4000-8000-000000000002/corrections" in text
    assert text.index("Offer the §15 discussion") < text.index("Form the expert group (§14)")


async def test_the_principal_sees_an_unassigned_case_without_its_record() -> None:
    principal = SignedIn("principal-paavo", Role.PRINCIPAL, ("kallio-school",), locale="en")
    services = welfare_services(case_json(responsible=None, unassigned=True))
    services.answer(WG, "GET", f"/cases/{CASE_ID}/record", Forbidden("no basis for the record"))
    async with WebApp(services).client(as_=principal) as client:
        page = await client.get(f"/cases/{CASE_ID}")
    assert page.status_code == 200
    assert "You are not shown this case's record." in page.text
    assert "Assign the case&#39;s responsible person (§16)" in page.text


async def test_a_step_taken_goes_back_to_the_case_with_a_confirmation() -> None:
    services = welfare_services()
    services.answer(WG, "POST", f"/cases/{CASE_ID}/discussion-offers", {"status": "opened"})
    async with WebApp(services).client(as_=PSYCHOLOGIST) as client:
        sent = await client.post(
            f"{STEPS}/discussion-offers", data={"csrf_token": CSRF, "offered_on": "2026-12-01"}
        )
        back = await client.get(sent.headers["location"])
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/cases/{CASE_ID}?done=discussion-offers#done"
    (posted,) = [c for c in services.calls if c.method == "POST"]
    assert posted.body == {"offered_on": "2026-12-01"}
    assert "Done: Offer the §15 discussion." in back.text


async def test_the_consent_request_names_its_members_and_outside_parties() -> None:
    services = welfare_services()
    services.answer(WG, "POST", f"/cases/{CASE_ID}/consent-requests", {"status": "opened"})
    form = {
        "csrf_token": CSRF, "from": "guardian", "purpose": "Support at school",
        "members.0.staff_id": "nurse-noora", "members.0.role": "nurse",
        "members.1.staff_id": "", "members.1.role": "",
        "members.2.staff_id": "kur-kaisa", "members.2.role": "kuraattori",
        "outside_parties": "youth-services\r\n", "student_can_judge": "no",
        "capacity_reasons": "Too young to weigh it",
    }  # fmt: skip
    async with WebApp(services).client(as_=PSYCHOLOGIST) as client:
        sent = await client.post(f"{STEPS}/consent-requests", data=form)
    assert sent.status_code == 303
    (posted,) = [c for c in services.calls if c.method == "POST"]
    assert posted.body == {
        "from": "guardian",
        "purpose": "Support at school",
        "members": [
            {"staff_id": "nurse-noora", "role": "nurse"},
            {"staff_id": "kur-kaisa", "role": "kuraattori"},
        ],
        "outside_parties": ["youth-services"],
        "student_can_judge": False,
        "capacity_reasons": "Too young to weigh it",
    }


async def test_a_refusal_shows_the_rule_and_what_instead_with_the_form_kept() -> None:
    services = welfare_services()
    services.answer(
        WG, "POST", f"/cases/{CASE_ID}/expert-group",
        Conflict("§14", "youth-services is not covered by consent", "ask for consent first"),
    )  # fmt: skip
    form = {
        "csrf_token": CSRF, "members.0.staff_id": "psy-pia", "members.0.role": "psychologist",
        "responsible": "psy-pia", "outside_parties": "youth-services",
    }  # fmt: skip
    async with WebApp(services).client(as_=PSYCHOLOGIST) as client:
        page = await client.post(f"{STEPS}/expert-group", data=form)
    assert page.status_code == 409
    text = page.text
    assert "This cannot be done now" in text
    assert "§14" in text
    assert "youth-services is not covered by consent" in text
    assert "ask for consent first" in text
    assert 'value="psy-pia"' in text
    assert ">youth-services</textarea>" in text
    assert '<option value="psychologist" selected>' in text


async def test_the_services_message_is_beside_the_field_it_names() -> None:
    services = welfare_services()
    services.answer(
        WG, "POST", f"/cases/{CASE_ID}/consent-requests",
        Invalid("The request is invalid.", [FieldError("members.1.staff_id", "Bad staff id")]),
    )  # fmt: skip
    form = {
        "csrf_token": CSRF, "from": "guardian", "purpose": "Support",
        "members.0.staff_id": "nurse-noora", "members.0.role": "nurse",
        "members.2.staff_id": "kur-kaisa", "members.2.role": "kuraattori",
    }  # fmt: skip
    async with WebApp(services).client(as_=PSYCHOLOGIST) as client:
        page = await client.post(f"{STEPS}/consent-requests", data=form)
    assert page.status_code == 422
    text = page.text
    # The second row sent is the form's third: the message goes there.
    assert 'id="f-members.2.staff_id-error"' in text
    assert text.index('id="f-members.2.staff_id-error"') < text.index('value="kur-kaisa"')
    assert 'href="#f-members.2.staff_id"' in text
    assert 'value="Support"' in text


async def test_what_is_plainly_missing_is_said_without_a_call() -> None:
    services = welfare_services()
    async with WebApp(services).client(as_=PSYCHOLOGIST) as client:
        page = await client.post(
            f"{STEPS}/discussion-offers", data={"csrf_token": CSRF, "offered_on": "1.12.2026"}
        )
    assert page.status_code == 422
    assert 'id="f-offered_on-error"' in page.text
    assert 'value="1.12.2026"' in page.text
    assert not [c for c in services.calls if c.method == "POST"]


async def test_a_forged_step_is_no_page_and_no_call() -> None:
    services = welfare_services()
    async with WebApp(services).client(as_=PSYCHOLOGIST) as client:
        dotted = await client.post(f"{STEPS}/..%2F..%2Fx", data={"csrf_token": CSRF})
        unknown = await client.post(f"{STEPS}/delete-everything", data={"csrf_token": CSRF})
        no_uuid = await client.post(f"{STEPS}/meetings/1/held", data={"csrf_token": CSRF})
    assert dotted.status_code == unknown.status_code == no_uuid.status_code == 404
    assert not [c for c in services.calls if c.method == "POST"]
    assert all(c.path == "/openapi.json" for c in services.calls)


async def test_a_step_on_an_item_posts_to_that_item() -> None:
    meeting = "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
    services = welfare_services()
    path = f"/cases/{CASE_ID}/meetings/{meeting}/held"
    services.answer(WG, "POST", path, {"status": "group_formed"})
    form = {"csrf_token": CSRF, "handling": "Talked it through",
            "attendees.0.staff_id": "psy-pia", "attendees.0.role": "psychologist"}  # fmt: skip
    async with WebApp(services).client(as_=PSYCHOLOGIST) as client:
        sent = await client.post(f"{STEPS}/meetings/{meeting}/held", data=form)
    assert sent.status_code == 303
    (posted,) = [c for c in services.calls if c.method == "POST"]
    assert posted.path == path
    assert posted.body == {
        "attendees": [{"staff_id": "psy-pia", "role": "psychologist"}],
        "handling": "Talked it through",
    }


async def test_an_expired_session_keeps_the_step_as_a_draft_for_its_page() -> None:
    web = WebApp(welfare_services())
    async with web.client() as client:
        lost = await client.post(
            f"{STEPS}/discussion-offers", data={"csrf_token": CSRF, "offered_on": "2026-12-01"}
        )
    assert lost.headers["location"] == f"/auth/login?next={STEPS}/discussion-offers"
    ((data, _),) = web.sessions.sessions.values()
    sid = next(iter(web.sessions.sessions))
    data["person"] = PSYCHOLOGIST.as_claims()
    data["access_token"] = "token-of-the-person"
    data["csrf"] = CSRF
    web.sessions.sessions[sid] = (data, utc_now())
    async with web.client() as client:
        client.cookies.set("session", sid)
        page = await client.get(f"{STEPS}/discussion-offers")
    assert page.status_code == 200
    assert 'value="2026-12-01"' in page.text


async def test_every_field_on_the_workspace_has_its_own_id_and_label() -> None:
    record = record_json(("correction", {"correction": "x"}), ("correction", {"correction": "y"}))
    async with WebApp(welfare_services(record=record)).client(as_=PSYCHOLOGIST) as client:
        page = await client.get(f"/cases/{CASE_ID}")
    ids = re.findall(r'\sid="([^"]+)"', page.text)
    assert len(ids) == len(set(ids))
    for field_id in re.findall(r'<(?:input|select|textarea) id="([^"]+)"', page.text):
        assert f'for="{field_id}"' in page.text


def test_every_step_the_welfare_group_declares_has_its_place() -> None:
    # The web app never imports the service; its test may, to keep the two in step.
    from services.welfare_group.service_layer.steps import CASE_STEPS

    placed = {path for group in LIFECYCLE for path in group.steps} | set(ITEM_STEPS)
    assert {step.path for step in CASE_STEPS} <= placed
    assert {step.path for step in CASE_STEPS} <= set(step_forms(OPENAPI))


async def test_the_step_forms_speak_the_persons_language_and_mark_the_services_english() -> None:
    finn = SignedIn("psy-pia", Role.PSYCHOLOGIST, ("kallio-school",), locale="fi")
    async with WebApp(welfare_services()).client(as_=finn) as client:
        page = await client.get(f"{STEPS}/consent-requests")
        offer = await client.get(f"{STEPS}/discussion-offers")
        bar = await client.get(f"{STEPS}/guardian-bar")
    assert "Pyydä suostumus opiskelijalta tai huoltajalta</button>" in page.text
    assert "Kunkin jäsenen tunnus ja rooli." in page.text
    assert '<p class="step__guidance">Pyydä suostumus' in page.text
    assert ">Tarjoa 15 §:n mukainen keskustelu</button>" in offer.text
    # A step with no words of the web's own is guided by the service's, marked English.
    assert '<p class="step__guidance" lang="en">Records a minor' in bar.text


async def test_another_row_is_added_without_javascript_and_nothing_is_sent() -> None:
    services = welfare_services()
    form = {"csrf_token": CSRF, "members.0.staff_id": "psy-pia", "members.0.role": "psychologist",
            "rows.members": "3", "add_row": "members", "responsible": "psy-pia"}  # fmt: skip
    async with WebApp(services).client(as_=PSYCHOLOGIST) as client:
        page = await client.post(f"{STEPS}/expert-group", data=form)
    assert page.status_code == 200
    assert 'name="members.3.staff_id"' in page.text
    assert 'name="members.4.staff_id"' not in page.text
    assert 'value="psy-pia"' in page.text
    assert not [c for c in services.calls if c.method == "POST"]


async def test_a_choice_left_out_is_named_beside_its_choices() -> None:
    services = welfare_services()
    async with WebApp(services).client(as_=PSYCHOLOGIST) as client:
        page = await client.post(
            f"{STEPS}/consent-requests", data={"csrf_token": CSRF, "purpose": "Support"}
        )
    assert page.status_code == 422
    assert 'href="#f-from"' in page.text
    assert '<fieldset id="f-from" tabindex="-1" aria-describedby="f-from-error"' in page.text


async def test_a_step_the_service_refuses_to_this_person_is_the_403_page_with_its_reason() -> None:
    nurse = SignedIn("nurse-noora", Role.NURSE, ("kallio-school",), locale="en")
    services = welfare_services()
    services.answer(
        WG, "POST", f"/cases/{CASE_ID}/closure", Forbidden("only the case's lead closes it")
    )
    async with WebApp(services).client(as_=nurse) as client:
        page = await client.post(f"{STEPS}/closure", data={"csrf_token": CSRF, "reason": "Done"})
    assert page.status_code == 403
    assert "only the case&#39;s lead closes it" in page.text


async def test_the_chronology_is_oldest_first_whatever_order_it_arrives_in() -> None:
    record = record_json(
        ("case_opened", {"topic": ["learning"], "background": "intake:1", "raised_by": None,
                         "guardian_hold_requested": False}),
        ("closed", {"reason": "The support helped"}),
    )  # fmt: skip
    services = welfare_services(record=list(reversed(record)))
    async with WebApp(services).client(as_=PSYCHOLOGIST) as client:
        page = await client.get(f"/cases/{CASE_ID}")
    assert page.text.index(">Case opened<") < page.text.index(">Case closed<")
    assert "The support helped" in page.text
