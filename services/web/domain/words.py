"""What every screen area shares: how a message is marked for the catalogues, and whose
clock a day is counted on."""

from __future__ import annotations

from zoneinfo import ZoneInfo

__all__ = ["N_", "SCHOOL_TIME"]

# Every school served is in Finland: a day is the schools' day, from their midnight, and a
# meeting's time is their wall clock.
SCHOOL_TIME = ZoneInfo("Europe/Helsinki")


def N_(message: str) -> str:
    """Marks a message for the catalogues; it is translated where it is shown."""
    return message
