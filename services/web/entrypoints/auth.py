"""Signing in and out, keeping a session alive, and choosing the language."""

from __future__ import annotations

import time

from authlib.integrations.base_client import OAuthError
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.web.adapters.oidc import SignIn
from services.web.domain.languages import LANGUAGES
from services.web.domain.paths import local_path
from services.web.domain.person import SignedIn
from services.web.entrypoints.forms import Form
from services.web.entrypoints.pages import Pages
from services.web.entrypoints.people import Person
from services.web.entrypoints.sessions import session_of
from shared.logging import get_logger

__all__ = ["auth_routes"]

log = get_logger(__name__)


def auth_routes(sign_in: SignIn, pages: Pages) -> APIRouter:
    router = APIRouter()

    @router.get("/auth/login")
    async def login(request: Request, next: str | None = None) -> Response:
        request.session["after_sign_in"] = local_path(next)
        return await sign_in.start(request)

    @router.get("/auth/callback")
    async def callback(request: Request) -> Response:
        try:
            token = await sign_in.finish(request)
            person = SignedIn.from_claims(token["userinfo"])
        except (OAuthError, KeyError, ValueError) as failed:
            log.warning("sign-in failed", reason=type(failed).__name__)
            return pages.render(request, "signed_out.html", status_code=400, failed=True)
        session = request.session
        keep: dict[str, object] = {k: session[k] for k in ("drafts", "language") if k in session}
        after = local_path(session.get("after_sign_in"), person.home)
        session.clear()
        session.update(keep)
        session["person"] = person.as_claims()
        session["access_token"] = token["access_token"]
        session["token_expires_at"] = int(token.get("expires_at") or time.time() + 3600)
        session_of(request).rotate()
        log.info("signed in", subject=person.subject, role=person.role.value)
        return RedirectResponse(after if after != "/" else person.home, status_code=303)

    @router.post("/auth/logout")
    async def logout(request: Request, form: Form) -> Response:
        session_of(request).end()
        return RedirectResponse("/signed-out", status_code=303)

    @router.get("/signed-out")
    async def signed_out(request: Request, idle: bool = False) -> Response:
        return pages.render(request, "signed_out.html", failed=False, idle=idle)

    @router.post("/session/keepalive", status_code=204)
    async def keepalive(person: Person, form: Form) -> Response:
        # Saving the session on the way out is what moves its idle deadline.
        return Response(status_code=204)

    @router.get("/language/{language}")
    async def choose(request: Request, language: str, next: str | None = None) -> Response:
        # A display preference, not a change to anyone's data: a plain link, no CSRF token.
        if language in LANGUAGES:
            request.session["language"] = language
        return RedirectResponse(local_path(next), status_code=303)

    return router
