"""The welfare group's check of free text for the school's students' names.

Only the welfare group holds the student register, so only it can say whether a text
names one of the school's students; it answers which fields do and what kind of mention,
never whom. It is asked with the caller's own token, so it decides for itself whether the
caller may have the school's texts checked. A check that cannot be made refuses the
write (fail closed): nothing unchecked is stored.

A plan's part may be longer than one request may carry (the services refuse bodies over
64 KiB), so long texts go in overlapping pieces, cut at whitespace: a name is never cut in
two without also being whole in the next piece.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping

import httpx

from services.communal.service_layer.screen import ScreenUnavailable
from shared.logging import get_logger

__all__ = ["WelfareGroupNameCheck", "pieces"]

log = get_logger(__name__)

_PIECE, _OVERLAP = 6_000, 200  # characters; a name is far shorter than the overlap
_BATCH_BYTES, _BATCH_FIELDS = 48_000, 60  # under the body limit and the check's own bound


def pieces(text: str) -> Iterator[tuple[int, int]]:
    """Where ``text``'s pieces begin and end: at most ``_PIECE`` characters each, each
    beginning up to ``_OVERLAP`` characters before the previous one ended, at whitespace
    where there is some."""
    start = 0
    while True:
        end = min(start + _PIECE, len(text))
        if end < len(text):
            cut = text.rfind(" ", start + _PIECE // 2, end)
            end = cut if cut > 0 else end
        yield start, end
        if end >= len(text):
            return
        back = text.find(" ", end - _OVERLAP, end)
        start = back + 1 if back > 0 else end - _OVERLAP


def _batches(texts: Mapping[str, str]) -> Iterator[dict[str, str]]:
    batch: dict[str, str] = {}
    size = 0
    for field, text in texts.items():
        for i, (start, end) in enumerate(pieces(text)):
            piece = text[start:end]
            cost = len(json.dumps(piece, ensure_ascii=False).encode()) + 24
            if batch and (size + cost > _BATCH_BYTES or len(batch) == _BATCH_FIELDS):
                yield batch
                batch, size = {}, 0
            batch[f"{field}[{i}]"] = piece
            size += cost
    if batch:
        yield batch


class WelfareGroupNameCheck:
    def __init__(self, base_url: str, *, timeout_s: float, token: str) -> None:
        self._base_url = base_url.rstrip("/")
        self._timeout_s = timeout_s
        self._token = token

    def as_caller(self, token: str) -> WelfareGroupNameCheck:
        return WelfareGroupNameCheck(self._base_url, timeout_s=self._timeout_s, token=token)

    async def mentions(self, school_id: str, texts: Mapping[str, str]) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        async with httpx.AsyncClient(timeout=self._timeout_s) as client:
            for batch in _batches({f: t for f, t in texts.items() if t.strip()}):
                for piece, kinds in (await self._ask(client, school_id, batch)).items():
                    field = piece.rpartition("[")[0]
                    if field in texts:
                        found.setdefault(field, set()).update(kinds)
        return found

    async def _ask(
        self, client: httpx.AsyncClient, school_id: str, batch: dict[str, str]
    ) -> dict[str, list[str]]:
        try:
            response = await client.post(
                f"{self._base_url}/schools/{school_id}/text-screening",
                content=json.dumps({"texts": batch}, ensure_ascii=False).encode(),
                headers={
                    "Authorization": f"Bearer {self._token}",
                    "Content-Type": "application/json",
                },
            )
        except httpx.HTTPError as failed:
            log.warning("name_check_unreachable", error=type(failed).__name__)
            raise ScreenUnavailable from None
        if response.status_code != httpx.codes.OK:
            log.warning("name_check_refused", status=response.status_code)
            raise ScreenUnavailable
        mentions: dict[str, list[str]] = response.json().get("mentions", {})
        return mentions
