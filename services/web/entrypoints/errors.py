"""What a person sees when something is refused or fails: a page that says why and what
they can do, in their language, never a bare JSON body."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException

from services.web.entrypoints.forms import StaleForm
from services.web.entrypoints.pages import Pages
from services.web.entrypoints.people import SignInRequired, keep_draft
from services.web.entrypoints.sessions import session_of
from services.web.service_layer.api import Forbidden, NotFound, SignInAgain, TooMany, Unavailable

__all__ = ["install_error_pages"]


def install_error_pages(app: FastAPI, pages: Pages) -> None:
    def to_sign_in(next_path: str) -> Response:
        return RedirectResponse(f"/auth/login?next={quote(next_path, safe='/')}", status_code=303)

    async def sign_in_required(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, SignInRequired)
        return to_sign_in(exc.next_path)

    async def token_refused(request: Request, exc: Exception) -> Response:
        # The service no longer takes the token: sign in again, keeping any draft.
        session = session_of(request)
        if request.method == "POST":
            keep_draft(request, await request.form())
        for key in ("person", "access_token", "token_expires_at"):
            session.pop(key, None)
        return to_sign_in(request.url.path)

    async def stale_form(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StaleForm)
        return RedirectResponse(f"{exc.path}?stale=1", status_code=303)

    async def forbidden(request: Request, exc: Exception) -> Response:
        return pages.render(request, "error.html", 403, kind="forbidden", reason=str(exc))

    async def not_found(request: Request, exc: Exception) -> Response:
        return pages.render(request, "error.html", 404, kind="not_found", reason="")

    async def too_many(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, TooMany)
        wait = exc.retry_after_s
        return pages.render(request, "error.html", 429, kind="too_many", reason="", wait=wait)

    async def unavailable(request: Request, exc: Exception) -> Response:
        return pages.render(request, "error.html", 503, kind="unavailable", reason="")

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        kind = {403: "forbidden", 404: "not_found"}.get(exc.status_code, "bad_request")
        return pages.render(request, "error.html", exc.status_code, kind=kind, reason="")

    async def bad_request(request: Request, exc: Exception) -> Response:
        return pages.render(request, "error.html", 400, kind="bad_request", reason="")

    app.add_exception_handler(SignInRequired, sign_in_required)
    app.add_exception_handler(SignInAgain, token_refused)
    app.add_exception_handler(StaleForm, stale_form)
    app.add_exception_handler(Forbidden, forbidden)
    app.add_exception_handler(NotFound, not_found)
    app.add_exception_handler(TooMany, too_many)
    app.add_exception_handler(Unavailable, unavailable)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, bad_request)
