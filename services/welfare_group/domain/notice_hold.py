"""A raiser's "the guardian must not be told yet": a request until a professional reviews it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

__all__ = ["NoticeHold"]


@dataclass(frozen=True)
class NoticeHold:
    """A raiser's request that the guardian not be told of the case yet (§16.3, §18)."""

    requested_by: str
    concern_id: UUID
    requested_at: datetime
    confirmed_by: str | None = None  # the professional who reviewed it and kept it
