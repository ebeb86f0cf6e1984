"""What the use cases' refusals become over HTTP: a rule's refusal and a mention of a
student are 422 with one entry per field (the text is never echoed), a check that could
not be made 503 (nothing was saved), a version saved meanwhile 409, nothing there 404."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import HTTPException, status

from services.communal.domain.refusals import Refused
from services.communal.service_layer.plans import NoSuchPlanVersion
from services.communal.service_layer.screen import ScreenUnavailable
from services.communal.service_layer.unit_of_work import SavedMeanwhile
from services.communal.service_layer.workspace import NoSuchMeeting

__all__ = ["refusals_as_http"]

_UNCHECKED = (
    "The text could not be checked for the names of the school's students just now, so "
    "nothing was saved. Try again in a moment."
)


@asynccontextmanager
async def refusals_as_http() -> AsyncIterator[None]:
    try:
        yield
    except Refused as refused:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, refused.errors()) from None
    except ScreenUnavailable:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, _UNCHECKED) from None
    except SavedMeanwhile as meanwhile:
        raise HTTPException(status.HTTP_409_CONFLICT, str(meanwhile)) from None
    except (NoSuchMeeting, NoSuchPlanVersion) as missing:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(missing)) from None
