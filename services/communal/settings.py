"""Communal welfare's settings: its database and port, where the welfare group answers the
name check, and how long a computed publication is served before it is computed again."""

from __future__ import annotations

from pydantic import Field

from shared.settings import ServiceSettings

__all__ = ["SERVICE", "CommunalSettings"]


# The service's name: its consumer group, its access-log entries, its replay topic.
SERVICE = "communal"


class CommunalSettings(ServiceSettings):
    mongodb_database: str = "communal"
    http_port: int = Field(default=8004, ge=1, le=65535)

    # Every free-text field is screened for the school's students' names by the welfare
    # group, which alone holds the student register (with the caller's own token).
    welfare_group_url: str = "http://127.0.0.1:8002"
    screening_timeout_s: float = Field(default=5.0, gt=0)

    # Suppression is worked out for the whole provider at once, so every view agrees. A
    # page gets the newest publication made; one older than this is made again behind it
    # (figures are monthly: a minute's delay misleads nobody). 0: made for every request.
    publication_cache_s: float = Field(default=60.0, ge=0)

    # Months and terms are the schools' own: an event's month is its local date's.
    school_timezone: str = "Europe/Helsinki"
