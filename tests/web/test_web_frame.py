"""What every page of the web app does: headers, sessions, sign-in redirects, CSRF,
languages, drafts kept across an expired session."""

from __future__ import annotations

import re

import pytest

from services.web.domain.paths import local_path
from services.web.domain.person import Area, SignedIn
from services.web.entrypoints.sessions import COOKIE
from shared.contracts import Role
from tests.support.web import CSRF, WebApp

TEACHER = SignedIn("teacher-tiina", Role.TEACHER, ("kallio-school",), locale="fi")


async def test_every_page_carries_the_security_headers() -> None:
    async with WebApp().client() as client:
        page = await client.get("/")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["cache-control"] == "no-store"


async def test_a_visitor_gets_no_session_until_one_is_needed() -> None:
    web = WebApp()
    async with web.client() as client:
        page = await client.get("/")
    assert page.status_code == 200
    assert "set-cookie" not in page.headers
    assert web.sessions.sessions == {}


async def test_the_session_cookie_is_opaque_http_only_and_lax() -> None:
    web = WebApp()
    async with web.client() as client:
        answer = await client.get("/language/sv", params={"next": "/"})
    cookie = answer.headers["set-cookie"]
    assert re.match(rf"{COOKIE}=[A-Za-z0-9_-]{{40,}}; Path=/; HttpOnly; SameSite=Lax$", cookie)
    ((data, _),) = web.sessions.sessions.values()
    assert data == {"language": "sv"}


async def test_outside_localhost_the_cookie_is_secure() -> None:
    web = WebApp(public_base_url="https://welfare.school.example")
    async with web.client() as client:
        answer = await client.get("/language/sv")
    assert "; Secure" in answer.headers["set-cookie"]


async def test_the_language_switch_changes_the_page_and_never_leaves_the_site() -> None:
    web = WebApp()
    async with web.client() as client:
        away = await client.get("/language/en", params={"next": "//evil.example/x"})
        page = await client.get("/accessibility")
    assert away.headers["location"] == "/"
    assert '<html lang="en">' in page.text


async def test_a_signed_out_person_asking_for_a_page_goes_through_sign_in_and_back() -> None:
    async with WebApp().client() as client:
        answer = await client.get("/session/keepalive")
        posted = await client.post("/session/keepalive", data={"csrf_token": "x"})
    assert answer.status_code == 405  # keepalive is POST only
    assert posted.status_code == 303
    assert posted.headers["location"] == "/auth/login?next=/session/keepalive"


async def test_a_form_without_this_sessions_token_changes_nothing() -> None:
    async with WebApp().client(as_=TEACHER) as client:
        forged = await client.post("/session/keepalive", data={"csrf_token": "guessed"})
        missing = await client.post("/session/keepalive")
        good = await client.post("/session/keepalive", data={"csrf_token": CSRF})
    assert forged.status_code == missing.status_code == 303  # back to the form, to resend
    assert good.status_code == 204


async def test_a_form_from_another_origin_is_refused_even_with_the_token() -> None:
    async with WebApp().client(as_=TEACHER) as client:
        answer = await client.post(
            "/session/keepalive",
            data={"csrf_token": CSRF},
            headers={"origin": "https://evil.example"},
        )
    assert answer.status_code == 303
    assert "stale=1" in answer.headers["location"]


async def test_signing_out_ends_the_session_on_the_server() -> None:
    web = WebApp()
    async with web.client(as_=TEACHER) as client:
        answer = await client.post("/auth/logout", data={"csrf_token": CSRF})
    assert answer.headers["location"] == "/signed-out"
    assert "Max-Age=0" in answer.headers["set-cookie"]
    assert web.sessions.sessions == {}


async def test_a_signed_in_person_is_sent_to_their_own_front_page() -> None:
    async with WebApp().client(as_=TEACHER) as client:
        answer = await client.get("/")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/concerns"


async def test_the_browsers_own_post_with_origin_null_is_accepted() -> None:
    # No Referer is ever sent, so Chromium posts this page's forms with "Origin: null".
    async with WebApp().client(as_=TEACHER) as client:
        own = await client.post(
            "/session/keepalive",
            data={"csrf_token": CSRF},
            headers={"origin": "null", "sec-fetch-site": "same-origin"},
        )
        foreign = await client.post(
            "/session/keepalive",
            data={"csrf_token": CSRF},
            headers={"origin": "null", "sec-fetch-site": "cross-site"},
        )
    assert own.status_code == 204
    assert foreign.status_code == 303


def test_the_navigation_marks_the_most_specific_area() -> None:
    guardian = SignedIn("guardian-0001", Role.GUARDIAN, student_refs=("student-0001",))
    assert guardian.current_area("/family") is Area.FAMILY
    assert guardian.current_area("/family/cases/x/consent") is Area.FAMILY
    assert guardian.current_area("/family/access-log") is Area.ACCESS_LOG
    assert guardian.current_area("/family/students/student-0001/access-log") is Area.ACCESS_LOG
    assert TEACHER.current_area("/inbox") is None


async def test_a_form_sent_after_the_session_lapsed_is_kept_whatever_the_route_asks_first() -> None:
    web = WebApp()
    async with web.client() as client:
        answer = await client.post("/session/keepalive", data={"note": "typed before it lapsed"})
    assert answer.headers["location"] == "/auth/login?next=/session/keepalive"
    ((data, _),) = web.sessions.sessions.values()
    assert data["drafts"] == {"/session/keepalive": {"note": ["typed before it lapsed"]}}


@pytest.mark.parametrize(
    "planted",
    [
        "//evil.example/x",
        "https://evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
        "/ok\r\nSet-Cookie: x=y",
        "evil.example",
        "",
    ],
)
def test_a_planted_return_address_never_leaves_the_site(planted: str) -> None:
    # Sign-in's ?next= and the language switch's ?next= both go through this.
    assert local_path(planted, "/home") == "/home"


def test_a_return_address_on_the_site_is_kept() -> None:
    assert local_path("/cases/7b0c3f8e-2a41-4d55-9b7e-0f1e2d3c4b5a?done=x") == (
        "/cases/7b0c3f8e-2a41-4d55-9b7e-0f1e2d3c4b5a?done=x"
    )


async def test_a_page_polling_itself_does_not_keep_an_idle_session_alive() -> None:
    web = WebApp()
    async with web.client(as_=TEACHER) as client:
        await client.get("/accessibility")
        after_a_look = web.sessions.saves
        await client.get("/accessibility", headers={"X-Poll": "1"})
        await client.get("/accessibility", headers={"X-Poll": "1"})
    assert after_a_look == 1
    assert web.sessions.saves == after_a_look  # the polls moved no deadline
