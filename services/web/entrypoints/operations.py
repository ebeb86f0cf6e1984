"""Screens: the administrator's operations console. Each service's health and version, its
database and broker, the outbox backlog, consumer lag in messages and seconds, an hour of
messages per topic (refreshed live with htmx, a plain link without it); the dead letters
(operations_dead_letters); the failed deliveries with a retry; the overdue timers.

Counts and identifiers only: the services give nothing more. A service that does not
answer is shown as down, and the page still renders.
"""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.web.domain.operations import CHART_HEIGHT, CHART_WIDTH
from services.web.entrypoints import operations_dead_letters
from services.web.entrypoints.case_pages import when
from services.web.entrypoints.forms import Form
from services.web.entrypoints.operations_common import Administrator, with_helpers
from services.web.entrypoints.pages import Pages
from services.web.entrypoints.people import PersonApi, take_draft
from services.web.service_layer.api import NotFound
from services.web.service_layer.operations import (
    console,
    failed_deliveries,
    overdue_timers,
    retry_delivery,
)

__all__ = ["routes"]

_RETRIED = {"1": "retried", "0": "unchanged"}


def routes(pages: Pages) -> APIRouter:
    router = APIRouter()
    with_helpers(pages)
    pages.env.globals.setdefault("when", when)
    size = {"chart_width": CHART_WIDTH, "chart_height": CHART_HEIGHT}

    @router.get("/operations")
    async def overview(request: Request, person: Administrator, api: PersonApi) -> Response:
        found = await console(api)
        return pages.render(request, "operations/console.html", console=found, **size)

    @router.get("/operations/live")
    async def live(request: Request, person: Administrator, api: PersonApi) -> Response:
        # htmx polls this: the same section, fresh (the page works without it, by reloading).
        found = await console(api)
        return pages.render(request, "operations/_live.html", console=found, **size)

    @router.get("/operations/deliveries")
    async def deliveries(request: Request, person: Administrator, api: PersonApi) -> Response:
        draft = take_draft(request) or {}
        done = _RETRIED.get(request.query_params.get("retried", ""))
        return pages.render(
            request, "operations/deliveries.html", deliveries=await failed_deliveries(api),
            done=done, which=request.query_params.get("id", ""),
            reason=(draft.get("reason") or [""])[0],
        )  # fmt: skip

    @router.post("/operations/deliveries")
    async def retry(
        request: Request, form: Form, person: Administrator, api: PersonApi
    ) -> Response:
        try:
            which = UUID(str(form.get("notification_id", "")))
        except ValueError:
            raise NotFound("no such delivery") from None
        reason = str(form.get("reason", "")).strip()[:500] or None
        requeued = await retry_delivery(api, which, reason)
        flag = "1" if requeued else "0"
        return RedirectResponse(f"/operations/deliveries?retried={flag}&id={which}", 303)

    @router.get("/operations/timers")
    async def timers(request: Request, person: Administrator, api: PersonApi) -> Response:
        return pages.render(request, "operations/timers.html", timers=await overdue_timers(api))

    router.include_router(operations_dead_letters.routes(pages))
    return router
