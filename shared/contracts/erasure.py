"""A case erased when its retention ran out: every service forgets what it holds of it."""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from pydantic import AwareDatetime, Field

from shared.contracts.envelope import Event
from shared.contracts.events import EventData

__all__ = ["CasePurgedData", "CasePurgedV1"]


class CasePurgedData(EventData):
    """The welfare group has erased the case (its data key first). Intake erases the
    concerns taken into it, notifications the case's inbox items and deliveries."""

    case_id: UUID
    concern_ids: Annotated[list[UUID], Field(max_length=200)]
    retention: Literal["closed_case"]
    closed_at: AwareDatetime
    purged_at: AwareDatetime


class CasePurgedV1(Event[CasePurgedData]):
    type: Literal["case.purged"] = "case.purged"
    schema_version: Literal[1] = 1
