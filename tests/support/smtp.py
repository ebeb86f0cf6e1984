"""A real SMTP server (aiosmtpd) that keeps what it receives, and can be told to refuse."""

from __future__ import annotations

from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class MailSink:
    received: list[EmailMessage] = field(default_factory=list)
    refuse_with: str | None = None  # e.g. "550 5.1.1 mailbox unavailable"
    refused: int = 0

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        if self.refuse_with:
            self.refused += 1
            return self.refuse_with
        self.received.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.received if m["To"] == address]


class SmtpServer:
    def __init__(self, port: int) -> None:
        self.sink = MailSink()
        self.port = port
        self._controller: Controller | None = None

    def start(self) -> None:
        # A controller runs once; a restart (to simulate an outage ending) needs a new one.
        self._controller = Controller(self.sink, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None
