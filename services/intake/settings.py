from __future__ import annotations

from pydantic import Field

from shared.settings import ServiceSettings

__all__ = ["IntakeSettings"]


class IntakeSettings(ServiceSettings):
    mongodb_database: str = "intake"
    http_port: int = Field(default=8001, ge=1, le=65535)
    public_base_url: str = "http://127.0.0.1:8001"
