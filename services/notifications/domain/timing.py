"""When a message leaves: now, after the reader's quiet hours, or in the day's digest.

The in-app inbox is always immediate: it disturbs no one. Email and SMS of routine
messages respect quiet hours and the daily digest; urgent ones (an urgent case, a breached
deadline) go at once, because the law's clock does not wait for the morning.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from services.notifications.domain.recipients import Channel, Contact

__all__ = ["Timing", "timing"]


@dataclass(frozen=True)
class Timing:
    send_at: datetime
    in_digest: bool = False


def _within(moment: time, start: time, end: time) -> bool:
    if start <= end:
        return start <= moment < end
    return moment >= start or moment < end  # spans midnight, e.g. 21:00-07:00


def _next(at: time, after: datetime) -> datetime:
    candidate = after.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    return candidate if candidate > after else candidate + timedelta(days=1)


def timing(
    contact: Contact,
    channel: Channel,
    *,
    urgent: bool,
    now: datetime,
    timezone: ZoneInfo,
    digest_at: time,
) -> Timing:
    if channel is Channel.INBOX or urgent:
        return Timing(now)
    local = now.astimezone(timezone)
    if contact.digest:
        return Timing(_next(digest_at, local), in_digest=True)
    if contact.quiet_hours and _within(local.time(), *contact.quiet_hours):
        return Timing(_next(contact.quiet_hours[1], local))
    return Timing(now)
