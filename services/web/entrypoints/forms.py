"""A submitted form, proven to come from this session's own page.

Every state-changing route takes ``Form``: signed in, the CSRF token checked. When either
fails, what was typed is kept as a draft and the person is sent where they can go on (to
sign in, or back to the form), so an expired session or a stale page loses nothing.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from starlette.datastructures import FormData

from services.web.entrypoints.people import SignInRequired, keep_draft, signed_in
from services.web.entrypoints.security import CSRF_FIELD, check_csrf

__all__ = ["Form", "StaleForm", "submitted_form"]


class StaleForm(Exception):
    """The form's token is not this session's: it is shown again, filled in, to resend."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


async def submitted_form(request: Request) -> FormData:
    form = await request.form()
    if signed_in(request) is None:
        keep_draft(request, form)
        raise SignInRequired(request.url.path)
    token = form.get(CSRF_FIELD)
    try:
        check_csrf(
            request,
            token if isinstance(token, str) else None,
            public_base_url=request.app.state.settings.public_base_url,
        )
    except HTTPException:
        keep_draft(request, form)
        raise StaleForm(request.url.path) from None
    return form


Form = Annotated[FormData, Depends(submitted_form)]
