"""Who the request is from, and the services' API as them.

Routes ask for ``Person`` (the signed-in person, or sign in first) and ``PersonApi`` (the
services, called with that person's own access token). A POST from someone whose session
has lapsed keeps what they typed as a draft for the page it came from, so signing in again
gives it back instead of losing it.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.datastructures import FormData

from services.web.domain.person import SignedIn
from services.web.service_layer.api import Api

__all__ = [
    "Person",
    "PersonApi",
    "SignInRequired",
    "keep_draft",
    "person_api",
    "require_person",
    "signed_in",
    "take_draft",
]


class SignInRequired(Exception):
    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


def signed_in(request: Request) -> SignedIn | None:
    claims = request.session.get("person") if "session" in request.scope else None
    return SignedIn.from_claims(claims) if isinstance(claims, dict) else None


async def require_person(request: Request) -> SignedIn:
    person = signed_in(request)
    if person is None:
        # Whichever dependency runs first, a lapsed session's form is kept, not lost.
        if request.method == "POST":
            keep_draft(request, await request.form())
        raise SignInRequired(request.url.path)
    return person


def person_api(request: Request, person: SignedIn = Depends(require_person)) -> Api:
    api: Api = request.app.state.clients.as_person(request.session["access_token"])
    return api


Person = Annotated[SignedIn, Depends(require_person)]
PersonApi = Annotated[Api, Depends(person_api)]


def keep_draft(request: Request, form: FormData, path: str | None = None) -> None:
    """What was typed into a form, kept for its page (the CSRF token is not kept)."""
    fields: dict[str, list[str]] = {}
    for name, value in form.multi_items():
        if name != "csrf_token" and isinstance(value, str):
            fields.setdefault(name, []).append(value)
    drafts: dict[str, Any] = request.session.setdefault("drafts", {})
    drafts[path or request.url.path] = fields


def take_draft(request: Request, path: str | None = None) -> dict[str, list[str]] | None:
    """The draft kept for this page, once: shown again, it is no longer kept."""
    drafts = request.session.get("drafts") or {}
    draft = drafts.pop(path or request.url.path, None)
    if draft is not None:
        request.session["drafts"] = drafts
    return draft if isinstance(draft, dict) else None
