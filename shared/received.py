"""A consumed message, as the broker handed it over, independent of the client library."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ReceivedMessage"]


@dataclass(frozen=True)
class ReceivedMessage:
    value: bytes
    key: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    topic: str = ""
    partition: int = -1
    offset: int = -1
