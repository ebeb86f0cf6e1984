"""Notifications' settings: its database and port, its channels, its send-time rules."""

from __future__ import annotations

from pydantic import Field, SecretStr

from shared.settings import ServiceSettings

__all__ = ["SERVICE", "NotificationsSettings"]


# The service's name: its events' producer, its consumer group, its access-log entries.
SERVICE = "notifications"


class NotificationsSettings(ServiceSettings):
    mongodb_database: str = "notifications"
    http_port: int = Field(default=8003, ge=1, le=65535)

    smtp_host: str = "127.0.0.1"
    smtp_port: int = Field(default=2525, ge=1, le=65535)
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_use_tls: bool = False  # implicit TLS (port 465)
    smtp_start_tls: bool = False  # STARTTLS upgrade (port 587)
    smtp_sender: str = "Opiskeluhuolto <no-reply@opiskeluhuolto.invalid>"
    smtp_timeout_s: float = Field(default=10.0, gt=0)

    # SMS through an HTTP provider (see adapters/sms.py); unset: SMS deliveries fail at once.
    sms_endpoint: str | None = None
    sms_api_token: SecretStr | None = None
    sms_sender: str = Field(default="Koulu", max_length=11)  # alphanumeric sender id limit
    sms_timeout_s: float = Field(default=10.0, gt=0)

    # The daily digest of routine email and SMS, for those who chose it, in school time.
    digest_time: str = Field(default="16:00", pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
    digest_poll_interval_s: float = Field(default=30.0, gt=0)

    # Links in messages open the web app's pages (/cases/{id}, /family); the message
    # itself never carries the matter.
    app_base_url: str = "http://127.0.0.1:8080"

    # Meeting times in messages are told in the schools' own time zone.
    school_timezone: str = "Europe/Helsinki"

    # Concerns about one student within this many seconds of the last message about them
    # join its round: the responsible person is told once per round (flood control).
    concern_round_s: float = Field(default=3600.0, ge=0)

    delivery_max_attempts: int = Field(default=5, ge=1)
    delivery_retry_backoff_s: float = Field(default=2.0, ge=0)
    dispatch_poll_interval_s: float = Field(default=1.0, gt=0)
