"""A raiser's request that the guardian not be told of the case yet (§16.3, §18).

It needs a ground (from intake's list) and it expires: ``days`` after it was asked for
(configuration, ``GUARDIAN_HOLD_DAYS``), unless a health or social care professional
reviewed it and kept it, which sets a new expiry as many days on. A hold still standing on
its expiry day lapses (the clock's ``guardian_hold.expires`` timer), and the guardian is
told. A kept hold lapses the same way at its new expiry unless kept again: every period
of silence towards the guardian is a professional's decision.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from uuid import UUID

from shared.contracts import GuardianHoldGround, StaffMember

__all__ = ["DEFAULT_HOLD_DAYS", "NoticeHold"]

DEFAULT_HOLD_DAYS = 14


@dataclass(frozen=True)
class NoticeHold:
    requested_by: str
    concern_id: UUID
    requested_at: datetime
    confirmed_by: str | None = None  # the professional who reviewed it and kept it
    ground: GuardianHoldGround | None = None  # None only in concerns from before grounds
    expires_on: date | None = None
    days: int = DEFAULT_HOLD_DAYS
    raiser: StaffMember | None = None  # whose request it is: the lapse is entered as theirs

    @classmethod
    def requested(
        cls,
        requested_by: str,
        raised_by: StaffMember | None,
        concern_id: UUID,
        at: datetime,
        *,
        on: date,
        ground: GuardianHoldGround | None,
        days: int,
    ) -> NoticeHold:
        return cls(
            requested_by, concern_id, at, None, ground, on + timedelta(days=days), days,
            raised_by,
        )  # fmt: skip

    def kept(self, by: StaffMember, on: date) -> NoticeHold:
        """Reviewed and kept: a new expiry, as many days from the review."""
        return replace(self, confirmed_by=by.staff_id, expires_on=on + timedelta(days=self.days))
