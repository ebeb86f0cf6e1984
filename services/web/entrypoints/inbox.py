"""Screens: a person's inbox (staff who are told of cases: the welfare group, the principal,
the administrator, the service supervisor). Each item links to its case's page and can be
acknowledged on its own; acknowledging is not acting."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.web.entrypoints.case_pages import own_id, when
from services.web.entrypoints.forms import Form
from services.web.entrypoints.pages import Pages
from services.web.entrypoints.people import Person, PersonApi
from services.web.service_layer.api import NotFound
from services.web.service_layer.inbox import mark_read, read_inbox

__all__ = ["routes"]


def routes(pages: Pages) -> APIRouter:
    router = APIRouter()
    pages.env.globals.setdefault("when", when)

    @router.get("/inbox")
    async def inbox(request: Request, person: Person, api: PersonApi) -> Response:
        unread_only = request.query_params.get("unread") == "1"
        stale = request.query_params.get("stale") == "1"
        items = await read_inbox(api, own_id(person), unread_only=unread_only)
        return pages.render(
            request, "inbox/inbox.html", items=items, unread_only=unread_only,
            unread=sum(1 for i in items if i.unread), stale=stale,
        )  # fmt: skip

    @router.get("/inbox/{notification_id}/read")
    async def after_sign_in(notification_id: str, person: Person) -> Response:
        # Where a lapsed session or a stale page comes back to: the inbox, to try again.
        return RedirectResponse("/inbox?stale=1", status_code=303)

    @router.post("/inbox/{notification_id}/read")
    async def acknowledge(
        request: Request, notification_id: str, form: Form, person: Person, api: PersonApi
    ) -> Response:
        try:
            which = UUID(notification_id)
        except ValueError:
            raise NotFound("no such notification") from None
        # Whose inbox is the session's: a form never names the person.
        await mark_read(api, own_id(person), which)
        if request.headers.get("HX-Request") == "true":
            items = await read_inbox(api, own_id(person))
            item = next((i for i in items if i.notification_id == which), None)
            if item is None:
                return Response(status_code=200)
            return pages.render(request, "inbox/_item.html", item=item, swapped=True)
        back = "/inbox?unread=1" if form.get("unread") == "1" else "/inbox"
        return RedirectResponse(f"{back}#n-{which}", status_code=303)

    return router
