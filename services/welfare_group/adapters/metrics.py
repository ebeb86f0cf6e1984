"""The welfare group's gauges: cases by status, and timers due and overdue by kind.

Sampled (``shared.metrics.sampling``): the timers' in one aggregation on their
``(state, fire_at)`` index, the cases' from the counters kept beside them
(``adapters.case_counts``), never by grouping the cases, which on SecantusDB decodes every
case and paused it for over a second at 100,000 cases. Counts only: no case is named.
"""

from __future__ import annotations

from datetime import timedelta

from services.welfare_group.adapters.case_counts import CaseCounts
from services.welfare_group.adapters.timers import TIMERS
from services.welfare_group.domain.case import CaseStatus
from services.welfare_group.domain.timers import TimerKind, TimerState
from shared.contracts import utc_now
from shared.metrics import PlatformMetrics, Sample, count_by, set_labelled
from shared.storage import Store

__all__ = ["case_sample", "timer_sample"]


def case_sample(store: Store, metrics: PlatformMetrics) -> Sample:
    counts = CaseCounts(store)

    async def sample() -> None:
        by_status = {status: float(n) for status, n in (await counts.by_status()).items()}
        set_labelled(metrics.cases, metrics.service, by_status, [s.value for s in CaseStatus])

    return sample


def timer_sample(store: Store, metrics: PlatformMetrics, *, grace: timedelta) -> Sample:
    """Due: pending and its moment came. Overdue: still pending ``grace`` after it, which
    means the clock is not running (or failing) rather than just between two looks."""
    kinds = [k.value for k in TimerKind]

    async def sample() -> None:
        moment = utc_now()
        pending = TimerState.PENDING.value
        due = await count_by(store, TIMERS, "kind", {"state": pending, "fire_at": {"$lte": moment}})
        late = {"state": pending, "fire_at": {"$lte": moment - grace}}
        overdue = await count_by(store, TIMERS, "kind", late)
        set_labelled(metrics.timers_due, metrics.service, due, kinds)
        set_labelled(metrics.timers_overdue, metrics.service, overdue, kinds)

    return sample
