"""A case driven through the welfare group's HTTP API by the psychologist who leads it, as
the end-to-end tests carry one from concern to closure."""

from __future__ import annotations

from typing import Any

import httpx

from tests.support.identity import bearer

__all__ = ["CaseClient", "get_json"]

AS_PSYCHOLOGIST = bearer("psychologist-elias")


class CaseClient:
    def __init__(self, client: httpx.AsyncClient, base: str, case_id: str) -> None:
        self._client, self.url = client, f"{base}/cases/{case_id}"

    async def step(self, path: str, body: dict[str, Any], expect: int = 201) -> Any:
        response = await self._client.post(f"{self.url}/{path}", json=body, headers=AS_PSYCHOLOGIST)
        assert response.status_code == expect, response.text
        return response.json()

    async def view(self, path: str = "") -> Any:
        return (await self._client.get(f"{self.url}{path}", headers=AS_PSYCHOLOGIST)).json()


async def get_json(client: httpx.AsyncClient, url: str, person: str) -> Any:
    """What ``url`` answers ``person``, signed in with their own token."""
    return (await client.get(url, headers=bearer(person))).json()
