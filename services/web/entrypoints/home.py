"""The front page, the accessibility statement, and liveness."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.web.entrypoints.pages import Pages
from services.web.entrypoints.people import signed_in
from shared.storage import Store

__all__ = ["home_routes"]


def home_routes(pages: Pages, store: Store) -> APIRouter:
    router = APIRouter()

    @router.get("/")
    async def front(request: Request) -> Response:
        person = signed_in(request)
        if person is not None:
            return RedirectResponse(person.home, status_code=303)
        return pages.render(request, "front.html")

    @router.get("/accessibility")
    async def accessibility(request: Request) -> Response:
        return pages.render(request, "accessibility.html")

    @router.get("/health")
    async def health() -> dict[str, str]:
        await store.ping()
        return {"status": "ok", "service": "web"}

    return router
