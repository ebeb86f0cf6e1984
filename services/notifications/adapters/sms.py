"""SMS through an HTTP provider: one JSON POST per message (httpx: maintained, async).

The provider contract is the generic one most Finnish SMS gateways accept: a bearer token,
``{"to", "from", "text", "reference"}``, and 2xx for accepted. The ``reference`` is the
notification id, so a provider that deduplicates on it never sends a repeat after a crash.
A 4xx other than 408/429 is the provider refusing this message (a bad number): permanent.
"""

from __future__ import annotations

from uuid import UUID

import httpx

from services.notifications.domain.messages import Message
from services.notifications.service_layer.channels import DeliveryFailed
from services.notifications.settings import NotificationsSettings

__all__ = ["HttpSmsChannel"]

_RETRYABLE = {408, 429}


class HttpSmsChannel:
    def __init__(self, settings: NotificationsSettings) -> None:
        self._settings = settings

    async def send(self, address: str, message: Message, notification_id: UUID) -> str:
        s = self._settings
        if s.sms_endpoint is None:
            raise DeliveryFailed("sms_not_configured", permanent=True)
        token = s.sms_api_token.get_secret_value() if s.sms_api_token else None
        headers = {"authorization": f"Bearer {token}"} if token else {}
        body = {
            "to": address,
            "from": s.sms_sender,
            "text": message.body,
            "reference": str(notification_id),
        }
        try:
            async with httpx.AsyncClient(timeout=s.sms_timeout_s) as client:
                response = await client.post(s.sms_endpoint, json=body, headers=headers)
        except httpx.HTTPError as exc:
            raise DeliveryFailed(
                f"sms_unavailable: {type(exc).__name__}", permanent=False
            ) from None
        if response.is_success:
            return response.text[:200]
        code = response.status_code
        permanent = 400 <= code < 500 and code not in _RETRYABLE
        raise DeliveryFailed(f"sms_rejected: {code}", permanent=permanent)
