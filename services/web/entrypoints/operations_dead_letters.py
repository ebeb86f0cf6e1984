"""Screens: the dead letters of all three services, newest first, by service, topic,
reason, event type, state and day; replayed (after a fix) or discarded with a reason, a
few at once or one; a payload revealed with a reason, once, as text.

A payload may carry anything, personal data included: it is shown only on an explicit
reveal (which the service logs), never kept by the web app, and always escaped.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from services.web.domain.dead_letters import (
    FILTER_FIELDS,
    STATES,
    Chosen,
    entry_name,
    parse_entry,
    parse_listing,
    parse_reason,
    parse_selected,
)
from services.web.entrypoints.forms import Form
from services.web.entrypoints.i18n import gettext
from services.web.entrypoints.operations_common import Administrator
from services.web.entrypoints.pages import N_, Pages
from services.web.entrypoints.people import PersonApi, take_draft
from services.web.service_layer.api import Api, NotFound
from services.web.service_layer.dead_letters import (
    discard,
    find_dead_letters,
    one_dead_letter,
    replay,
    reveal,
)

__all__ = ["routes"]

LIST = "/operations/dead-letters"
_FILTER_ERRORS = {
    "service": N_("Choose one of the services."),
    "name": N_("Use letters, digits and . _ : - only."),
    "state": N_("Choose one of the states."),
    "day": N_("Write the day as YYYY-MM-DD."),
}
_STATES = {"new": N_("new"), "replayed": N_("replayed"), "discarded": N_("discarded")}
_NO_REASON = N_("Give a reason of at least 3 characters: it is kept with the dead letter.")


def _messages() -> dict[str, str]:
    return {k: gettext(v) for k, v in _FILTER_ERRORS.items()}


def _filters(source: Any) -> dict[str, str]:
    """The listing's filters, to come back to them after an action."""
    return {f: str(source.get(f, "")) for f in FILTER_FIELDS if source.get(f)}


def _entry(service: str, entry_id: str) -> Chosen:
    chosen = parse_entry(service, entry_id)
    if chosen is None:
        raise NotFound("no such dead letter")
    return chosen


def routes(pages: Pages) -> APIRouter:
    router = APIRouter()
    pages.env.globals.setdefault("entry_name", entry_name)
    pages.env.globals.setdefault("state_label", lambda s: gettext(_STATES.get(str(s), str(s))))

    async def listing_page(
        request: Request, api: Api, query: Any, *, form: dict[str, Any], status_code: int = 200
    ) -> Response:
        listing = parse_listing(query, _messages())
        found = await find_dead_letters(api, listing)
        return pages.render(
            request, "operations/dead_letters.html", status_code=status_code, listing=listing,
            found=found, states=STATES, form=form, done=request.query_params,
        )  # fmt: skip

    @router.get(LIST)
    async def dead_letters(request: Request, person: Administrator, api: PersonApi) -> Response:
        draft = take_draft(request) or {}
        form = {"selected": draft.get("selected", []), "why": (draft.get("why") or [""])[0]}
        return await listing_page(request, api, request.query_params, form={**form, "errors": {}})

    @router.post(LIST)
    async def act(request: Request, form: Form, person: Administrator, api: PersonApi) -> Response:
        chosen = parse_selected([str(v) for v in form.getlist("selected")])
        if chosen is None:
            raise NotFound("no such dead letter")
        # "why", not "reason": the listing's own filter is the dead letters' reason
        reason, action = parse_reason(str(form.get("why", ""))), form.get("action")
        errors = {}
        if not chosen:
            errors["selected"] = gettext("Choose at least one dead letter.")
        if reason is None:
            errors["why"] = gettext(_NO_REASON)
        if action not in ("replay", "discard"):
            raise NotFound("no such action")
        back = _filters(form)
        if errors or reason is None:
            typed = {"selected": form.getlist("selected"), "why": form.get("why", "")}
            return await listing_page(
                request, api, back, form={**typed, "errors": errors}, status_code=400
            )
        if action == "replay":
            done, skipped = await replay(api, chosen, reason)
        else:
            done, skipped = await discard(api, chosen, reason)
        outcome = {str(action): done, "skipped": skipped}
        return RedirectResponse(f"{LIST}?{urlencode({**back, **outcome})}", status_code=303)

    @router.get(f"{LIST}/{{service}}/{{entry_id}}")
    async def one(
        request: Request, service: str, entry_id: str, person: Administrator, api: PersonApi
    ) -> Response:
        chosen = _entry(service, entry_id)
        return await _entry_page(pages, request, api, chosen, errors={}, typed=FormData())

    @router.post(f"{LIST}/{{service}}/{{entry_id}}")
    async def act_on_one(
        request: Request, service: str, entry_id: str, form: Form, person: Administrator,
        api: PersonApi,
    ) -> Response:  # fmt: skip
        chosen, action = _entry(service, entry_id), str(form.get("action", ""))
        if action not in ("replay", "discard", "reveal"):
            raise NotFound("no such action")
        reason = parse_reason(str(form.get(f"reason_{action}", "")))
        if reason is None:
            errors = {f"reason_{action}": gettext(_NO_REASON)}
            return await _entry_page(pages, request, api, chosen, errors=errors, typed=form)
        if action == "reveal":
            payload = await reveal(api, chosen, reason)
            return await _entry_page(
                pages, request, api, chosen, errors={}, typed=FormData(), payload=payload
            )
        if action == "replay":
            await replay(api, [chosen], reason)
        else:
            await discard(api, [chosen], reason)
        here = f"{LIST}/{chosen.service.value}/{chosen.entry_id}"
        return RedirectResponse(f"{here}?done={action}", status_code=303)

    return router


async def _entry_page(
    pages: Pages, request: Request, api: Api, chosen: Chosen, *, errors: dict[str, str],
    typed: FormData, payload: object = None,
) -> Response:  # fmt: skip
    entry = await one_dead_letter(api, chosen)
    return pages.render(
        request, "operations/dead_letter.html", status_code=400 if errors else 200,
        entry=entry, errors=errors, typed=typed, payload=payload,
        done=request.query_params.get("done", "") if not payload else "",
    )  # fmt: skip
