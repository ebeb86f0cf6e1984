"""The dead letters of all three services as one list, and what the administrator does
with them: replay (after a fix), discard, reveal a payload. Each action goes to the service
whose ledger holds the entry, with the administrator's reason."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.web.domain.dead_letters import Chosen, Listing
from services.web.service_layer.api import Api, Invalid, NotFound, Service, Unavailable

__all__ = [
    "DeadLetter",
    "DeadLetters",
    "Revealed",
    "discard",
    "find_dead_letters",
    "one_dead_letter",
    "replay",
    "reveal",
]


@dataclass(frozen=True)
class DeadLetter:
    service: Service
    id: str
    consumer: str
    topic: str
    partition: int
    offset: int
    key: str | None
    event_type: str | None
    event_id: str | None
    reason: str
    state: str
    dead_lettered_at: datetime
    attempts: int
    history: tuple[tuple[str, str, datetime], ...] = ()  # action, by, at (never the why)

    @classmethod
    def of(cls, service: Service, e: dict[str, Any]) -> DeadLetter:
        return cls(
            service, str(e["id"]), str(e["consumer"]), str(e["topic"]), int(e["partition"]),
            int(e["offset"]), e.get("key"), e.get("event_type"), e.get("event_id"),
            str(e["reason"]), str(e["state"]), datetime.fromisoformat(e["dead_lettered_at"]),
            len(e.get("attempts") or []),
            tuple(
                (str(h["action"]), str(h["by"]), datetime.fromisoformat(h["at"]))
                for h in e.get("history") or []
            ),
        )  # fmt: skip


@dataclass(frozen=True)
class DeadLetters:
    entries: tuple[DeadLetter, ...]  # newest first, over the services asked
    by_state: dict[str, int]
    not_answering: tuple[Service, ...]


async def _listing(api: Api, service: Service, params: dict[str, str]) -> dict[str, Any] | None:
    try:
        found = await api.get(service, "/dead-letters", params=params)
    except Unavailable:
        return None
    return found if isinstance(found, dict) else None


async def find_dead_letters(api: Api, listing: Listing) -> DeadLetters:
    found = await asyncio.gather(*(_listing(api, s, listing.params) for s in listing.services))
    entries: list[DeadLetter] = []
    by_state: dict[str, int] = {}
    for service, answer in zip(listing.services, found, strict=True):
        for e in (answer or {}).get("entries", []):
            entries.append(DeadLetter.of(service, e))
        for state, n in (answer or {}).get("by_state", {}).items():
            by_state[state] = by_state.get(state, 0) + int(n)
    entries.sort(key=lambda e: e.dead_lettered_at, reverse=True)
    missing = tuple(s for s, a in zip(listing.services, found, strict=True) if a is None)
    return DeadLetters(tuple(entries), by_state, missing)


async def one_dead_letter(api: Api, chosen: Chosen) -> DeadLetter:
    found = await api.get(chosen.service, f"/dead-letters/{chosen.entry_id}")
    return DeadLetter.of(chosen.service, found)


async def replay(api: Api, chosen: Sequence[Chosen], reason: str) -> tuple[int, int]:
    """Each service replays its own entries, in one request; (replayed, skipped)."""
    replayed = skipped = 0
    for service in Service:
        ids = [c.entry_id for c in chosen if c.service is service]
        if ids:
            done = await api.post(service, "/dead-letters/replay", {"reason": reason, "ids": ids})
            replayed += len(done.get("replayed", []))
            skipped += len(done.get("skipped", []))
    return replayed, skipped


async def discard(api: Api, chosen: Sequence[Chosen], reason: str) -> tuple[int, int]:
    """(discarded, skipped): one already discarded or gone is skipped, not an error."""
    discarded = skipped = 0
    for c in chosen:
        try:
            await api.post(c.service, f"/dead-letters/{c.entry_id}/discard", {"reason": reason})
        except (Invalid, NotFound):
            skipped += 1
        else:
            discarded += 1
    return discarded, skipped


@dataclass(frozen=True)
class Revealed:
    key: str | None
    value: str  # as UTF-8, undecodable bytes replaced: may be anything, shown as text only
    headers: dict[str, str]


async def reveal(api: Api, chosen: Chosen, reason: str) -> Revealed:
    path = f"/dead-letters/{chosen.entry_id}/reveal"
    found = await api.post(chosen.service, path, {"reason": reason})
    return Revealed(found.get("key"), str(found.get("value", "")), dict(found.get("headers", {})))
