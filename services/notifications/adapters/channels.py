"""The port every outgoing channel implements, and how it reports failure."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from services.notifications.domain.messages import Message

__all__ = ["ChannelAdapter", "DeliveryFailed"]


class DeliveryFailed(Exception):
    """``permanent`` failures are not retried (a rejected address); others are.

    ``code`` is what is recorded and published: short, and free of addresses.
    """

    def __init__(self, code: str, *, permanent: bool) -> None:
        super().__init__(code)
        self.code = code
        self.permanent = permanent


class ChannelAdapter(Protocol):
    async def send(self, address: str, message: Message, notification_id: UUID) -> str:
        """Deliver, or raise ``DeliveryFailed``; returns the channel's receipt (e.g. its reply)."""
        ...
