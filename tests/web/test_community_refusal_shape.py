"""The API adapter keeps the code of a per-field refusal, in either shape a service sends."""

from __future__ import annotations

import httpx
import pytest

from services.web.adapters.services_api import PersonApi
from services.web.service_layer.api import FieldError, Invalid, Service

MENTION = "…names a student: communal welfare is about the whole school, never about one student"


def api_answering(status: int, body: object) -> PersonApi:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json=body)

    client = httpx.AsyncClient(base_url="http://communal", transport=httpx.MockTransport(answer))
    return PersonApi({Service.COMMUNAL: client}, "token")


async def test_fastapis_own_shape_arrives_as_field_errors_with_their_code() -> None:
    detail = [
        {"loc": ["body", "agenda", 1], "msg": MENTION, "type": "mentions_a_student"},
        {"loc": ["body", "title"], "msg": MENTION, "type": "mentions_a_student"},
    ]
    api = api_answering(422, {"detail": detail})
    with pytest.raises(Invalid) as refused:
        await api.post(Service.COMMUNAL, "/schools/s-1/group/meetings", {})
    assert refused.value.errors == [
        FieldError("agenda.1", MENTION, "mentions_a_student"),
        FieldError("title", MENTION, "mentions_a_student"),
    ]
    assert str(refused.value) == "The request is invalid."


async def test_the_platforms_shape_still_arrives_as_before() -> None:
    body = {"detail": "The request is invalid.", "errors": [{"field": "held_on", "message": "x"}]}
    api = api_answering(422, body)
    with pytest.raises(Invalid) as refused:
        await api.post(Service.COMMUNAL, "/schools/s-1/group/meetings", {})
    assert refused.value.errors == [FieldError("held_on", "x")]
