"""What the service layer needs of an outgoing channel (email, SMS), and how one fails.

The adapters implement ``Sender``; the pumps see only this, so a fake stands in for the
real servers in the fast tests.
"""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from services.notifications.domain.messages import Message

__all__ = ["DeliveryFailed", "Sender"]


class DeliveryFailed(Exception):
    """``permanent`` failures are not retried (a rejected address); others are.

    ``code`` is what is recorded and published: short, and free of addresses.
    """

    def __init__(self, code: str, *, permanent: bool) -> None:
        super().__init__(code)
        self.code = code
        self.permanent = permanent


class Sender(Protocol):
    async def send(self, address: str, message: Message, notification_id: UUID) -> str:
        """Deliver, or raise ``DeliveryFailed``; returns the channel's receipt (e.g. its reply)."""
        ...
