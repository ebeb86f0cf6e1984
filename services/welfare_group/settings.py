from __future__ import annotations

from pydantic import Field

from shared.settings import ServiceSettings

__all__ = ["WelfareGroupSettings"]


class WelfareGroupSettings(ServiceSettings):
    mongodb_database: str = "welfare_group"
    http_port: int = Field(default=8002, ge=1, le=65535)
    # School days are counted in the schools' own time zone, not the server's.
    school_timezone: str = "Europe/Helsinki"
