"""The welfare group's check of free text for the school's students' names.

Only the welfare group holds the student register, so only it can say whether a text
names one of the school's students; it answers which fields do and what kind of mention,
never whom. It is asked with the caller's own token, so it decides for itself whether the
caller may have the school's texts checked. A check that cannot be made refuses the
write (fail closed): nothing unchecked is stored.
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from services.communal.service_layer.screen import ScreenUnavailable
from shared.logging import get_logger

__all__ = ["WelfareGroupNameCheck"]

log = get_logger(__name__)


class WelfareGroupNameCheck:
    def __init__(self, base_url: str, *, timeout_s: float, token: str) -> None:
        self._base_url = base_url.rstrip("/")
        self._timeout_s = timeout_s
        self._token = token

    def as_caller(self, token: str) -> WelfareGroupNameCheck:
        return WelfareGroupNameCheck(self._base_url, timeout_s=self._timeout_s, token=token)

    async def mentions(self, school_id: str, texts: Mapping[str, str]) -> dict[str, set[str]]:
        if not any(text.strip() for text in texts.values()):
            return {}
        try:
            async with httpx.AsyncClient(timeout=self._timeout_s) as client:
                response = await client.post(
                    f"{self._base_url}/schools/{school_id}/text-screening",
                    json={"texts": dict(texts)},
                    headers={"Authorization": f"Bearer {self._token}"},
                )
        except httpx.HTTPError as failed:
            log.warning("name_check_unreachable", error=type(failed).__name__)
            raise ScreenUnavailable from None
        if response.status_code != httpx.codes.OK:
            log.warning("name_check_refused", status=response.status_code)
            raise ScreenUnavailable
        found = response.json().get("mentions", {})
        return {field: set(kinds) for field, kinds in found.items() if field in texts}
