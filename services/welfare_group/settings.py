from __future__ import annotations

from pydantic import Field

from shared.settings import ServiceSettings

__all__ = ["SERVICE", "WelfareGroupSettings"]


# The service's name: its events' producer, its consumer group, its access-log entries.
SERVICE = "welfare_group"


class WelfareGroupSettings(ServiceSettings):
    mongodb_database: str = "welfare_group"
    http_port: int = Field(default=8002, ge=1, le=65535)
    # School days are counted in the schools' own time zone, not the server's.
    school_timezone: str = "Europe/Helsinki"
    # How often due timers are looked for; a deadline is a school morning, so seconds do.
    timer_poll_interval_s: float = Field(default=30.0, gt=0)
    timer_batch_size: int = Field(default=50, ge=1, le=1000)
    # How long a closed case's record is kept before it is erased: the education provider's
    # records management plan (tiedonohjaussuunnitelma) decides; this default is a placeholder.
    retention_closed_case_days: int = Field(default=3650, ge=1)
    purge_poll_interval_s: float = Field(default=3600.0, gt=0)
    purge_batch_size: int = Field(default=50, ge=1, le=1000)
    # How often the counters' moves (caseloads, cases by status) are added to their totals:
    # reads add the moves not yet folded, so this bounds their number, not their freshness.
    counter_fold_interval_s: float = Field(default=5.0, gt=0)
    # How long a raiser's "the guardian must not be told yet" holds before it lapses and the
    # guardian is told, unless a professional keeps it (each keep: as long again), §16.3.
    guardian_hold_days: int = Field(default=14, ge=1, le=90)
