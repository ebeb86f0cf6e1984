"""Intake's settings, and its name: read by every room of the service, so kept in none."""

from __future__ import annotations

from pydantic import Field

from shared.settings import ServiceSettings

__all__ = ["SERVICE", "IntakeSettings"]


# The service's name: its events' producer, its consumer group, its access-log entries.
SERVICE = "intake"


class IntakeSettings(ServiceSettings):
    mongodb_database: str = "intake"
    http_port: int = Field(default=8001, ge=1, le=65535)
    public_base_url: str = "http://127.0.0.1:8001"
    # How many concerns one person may raise in a window (limits' notation, e.g.
    # "20/minute;200/day"), and where the counts live: "memory://" per process, or a shared
    # store such as "async+mongodb://…" when intake runs as several replicas.
    concern_rate_limit: str = "20/minute;200/day"
    rate_limit_storage_uri: str = "memory://"
