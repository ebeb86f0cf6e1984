"""Taking a case step: its form, from the welfare group's own declaration, and sending it.

The steps' forms are read once from the welfare group's OpenAPI document and kept: they
change only when the service is deployed again, and the web app is restarted with it.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from services.web.domain.step_forms import StepForm, step_forms
from services.web.domain.steps import match_step
from services.web.service_layer.api import Api, Service

__all__ = ["StepCatalogue", "take_step"]


class StepCatalogue:
    """The case steps' forms, fetched on first need and kept for the app's life."""

    def __init__(self) -> None:
        self._forms: dict[str, StepForm] | None = None

    async def forms(self, api: Api) -> dict[str, StepForm]:
        if self._forms is None:
            document = await api.get(Service.WELFARE_GROUP, "/openapi.json")
            self._forms = step_forms(document if isinstance(document, dict) else {})
        return self._forms

    async def find(self, api: Api, requested: str) -> tuple[StepForm, str | None] | None:
        return match_step(await self.forms(api), requested)


async def take_step(
    api: Api, case_id: UUID, step: StepForm, item_id: str | None, body: dict[str, Any]
) -> Any:
    """The step's request, sent as the person; a refusal raises as the ``Api`` says."""
    return await api.post(Service.WELFARE_GROUP, f"/cases/{case_id}/{step.path_for(item_id)}", body)
