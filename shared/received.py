"""A consumed message, as the broker handed it over, independent of the client library."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

__all__ = ["Consumes", "ReceivedMessage"]


@dataclass(frozen=True)
class ReceivedMessage:
    value: bytes
    key: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    topic: str = ""
    partition: int = -1
    offset: int = -1


class Consumes(Protocol):
    """What a subscription hands messages to: an event consumer, or the replay router."""

    @property
    def name(self) -> str: ...

    async def handle(self, message: ReceivedMessage) -> object: ...

    async def handle_many(self, messages: Sequence[ReceivedMessage]) -> object:
        """Messages of its topics fetched together, in the order they came."""
        ...
