"""Email over SMTP (aiosmtplib: maintained, asyncio-native, TLS and AUTH built in)."""

from __future__ import annotations

from email.message import EmailMessage
from uuid import UUID

import aiosmtplib

from services.notifications.domain.messages import Message
from services.notifications.service_layer.channels import DeliveryFailed
from services.notifications.settings import NotificationsSettings

__all__ = ["SmtpChannel"]


class SmtpChannel:
    def __init__(self, settings: NotificationsSettings) -> None:
        self._settings = settings

    async def send(self, address: str, message: Message, notification_id: UUID) -> str:
        s = self._settings
        email = EmailMessage()
        email["From"] = s.smtp_sender
        email["To"] = address
        email["Subject"] = message.subject
        # A stable Message-ID lets mail systems recognise a resend after a crash.
        email["Message-ID"] = f"<{notification_id}@opiskeluhuolto>"
        email.set_content(message.body)
        try:
            _errors, reply = await aiosmtplib.send(
                email,
                hostname=s.smtp_host,
                port=s.smtp_port,
                username=s.smtp_username,
                password=s.smtp_password.get_secret_value() if s.smtp_password else None,
                use_tls=s.smtp_use_tls,
                start_tls=s.smtp_start_tls,
                timeout=s.smtp_timeout_s,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            codes = sorted({str(r.code) for r in exc.recipients})
            raise DeliveryFailed(
                f"smtp_recipient_refused: {' '.join(codes)}", permanent=True
            ) from None
        except aiosmtplib.SMTPResponseException as exc:
            permanent = 500 <= exc.code < 600
            raise DeliveryFailed(f"smtp_rejected: {exc.code}", permanent=permanent) from None
        except (aiosmtplib.SMTPException, OSError) as exc:
            raise DeliveryFailed(
                f"smtp_unavailable: {type(exc).__name__}", permanent=False
            ) from None
        return reply
