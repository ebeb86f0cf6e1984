"""HTTP in: communal welfare's texts screened for the school's students (§4, §13: the
school's welfare group works on the whole school community, never on one student).

The communal service calls it with its caller's own token before it saves a meeting's
minutes or a welfare plan; the answer says which fields mention a student and how, never
whom. It reveals no case and changes nothing: it is read as the school's own staff read
their school, and is not written to the access log as a use of case data.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from services.welfare_group.domain.text_screening import Mention
from services.welfare_group.service_layer.screening import screen_texts
from services.welfare_group.service_layer.unit_of_work import StudentRegister
from shared.contracts import Identifier
from shared.security import Access, Gate

__all__ = ["MOST_FIELDS", "MOST_FIELD_CHARS", "Screened", "TextsToScreen", "screening_routes"]

MOST_FIELDS = 60  # a welfare plan's parts and indicators, a meeting's agenda and minutes
MOST_FIELD_CHARS = 20_000  # a plan's longest part, with room to spare

FieldName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.\[\]-]{1,100}$")]
FieldText = Annotated[str, StringConstraints(max_length=MOST_FIELD_CHARS)]


class TextsToScreen(BaseModel):
    model_config = ConfigDict(extra="forbid")

    texts: Annotated[dict[FieldName, FieldText], Field(max_length=MOST_FIELDS)] = Field(
        description="The texts to screen, by the caller's own name for each field."
    )


class Screened(BaseModel):
    mentions: dict[str, list[Mention]] = Field(
        description="Each field that mentions a student, with what it mentions; a field "
        "that mentions none is left out. Never whom."
    )


def screening_routes(students: StudentRegister, gate: Gate) -> APIRouter:
    router = APIRouter(tags=["communal welfare"])

    @router.post(
        "/schools/{school_id}/text-screening",
        response_model=Screened,
        summary="Do these texts name one of the school's students? (which fields, never whom)",
        description=(
            "Screens each text for the names of the school's students (the full name, or the "
            "family name in its Finnish inflected forms), student references and text shaped "
            "like a personal identity code, and answers which fields mention which of these, "
            f"never whom. At most {MOST_FIELDS} fields of {MOST_FIELD_CHARS} characters. For "
            "the school's staff and the education provider's welfare lead; it reads no case."
        ),
    )
    async def screen(
        school_id: Identifier, body: TextsToScreen, access: Access = Depends(gate)
    ) -> Screened:
        return Screened(mentions=await screen_texts(school_id, body.texts, students))

    return router
