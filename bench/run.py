"""One measured rate on a running stack: load, wait for the notifications, cut into hops."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.costs import CostMeter
from bench.hops import Timeline, hop_table, timelines
from bench.load import Sent, raise_concerns
from bench.observe import Observer
from bench.stack import SERVICES, BenchStack
from bench.stats import Percentiles, RateResult, percentiles, thirds_p99

__all__ = ["RAISER", "RateRun", "measure_rate", "peak_memory_mb", "warm_up"]

RAISER = "teacher-tiina"


@dataclass
class RateRun:
    result: RateResult
    hops: dict[str, Percentiles]
    latencies_ms: list[float]  # in due order, completed concerns only
    started: float  # epoch s of the first due request
    finished: float  # epoch s of the last notifications stored
    lines: list[Timeline]
    costs: dict[str, Any]  # bench.costs: operations and CPU per concern


def _intake_urls(stack: BenchStack) -> list[str]:
    return [stack.url("intake", r) for r in range(stack.replicas)]


async def measure_rate(
    stack: BenchStack, observer: Observer, rate: float, duration_s: float
) -> RateRun:
    since = datetime.now(UTC) - timedelta(seconds=1)
    meter = CostMeter(stack)
    await meter.start()
    sent = await raise_concerns(_intake_urls(stack), stack.token(RAISER), rate, duration_s)
    accepted = [s for s in sent if s.concern_id]
    await observer.drained(
        [s.concern_id for s in accepted if s.concern_id],
        idle_s=10.0,
        limit_s=max(60.0, 3 * duration_s),
    )
    # Closed before the bench's own reads of the stores below.
    done = [s for s in accepted if observer.commits.stored_for(s.concern_id or "") is not None]
    costs = await meter.stop(len(done))
    due = {s.concern_id: s.due_at for s in accepted if s.concern_id}
    lines = await timelines(stack.mongo_uri, due, observer.commits, since)
    latencies = [span for line in lines if (span := line.span_ms("due", "stored")) is not None]
    first, last = thirds_p99(latencies)
    stored = [line.points["stored"] for line in lines if "stored" in line.points]
    return RateRun(
        result=RateResult(
            offered_rate=rate,
            achieved_rate=_achieved(sent),
            offered=len(sent),
            accepted=len(accepted),
            completed=len(latencies),
            latency_ms=percentiles(latencies),
            first_third_p99_ms=first,
            last_third_p99_ms=last,
        ),
        hops=hop_table(lines),
        latencies_ms=latencies,
        started=sent[0].due_at if sent else 0.0,
        finished=max(stored, default=0.0),
        lines=lines,
        costs=costs,
    )


def _achieved(sent: list[Sent]) -> float:
    """Requests answered per second over the sending window."""
    answered = [s.answered_at for s in sent if s.answered_at is not None]
    if len(answered) < 2:
        return 0.0
    return len(answered) / max(max(answered) - sent[0].due_at, 1e-9)


async def warm_up(stack: BenchStack, observer: Observer, count: int = 6) -> None:
    """A few concerns through the whole flow: connections open, consumer groups joined."""
    sent = await raise_concerns(_intake_urls(stack), stack.token(RAISER), 2.0, count / 2)
    ids = [s.concern_id for s in sent if s.concern_id]
    if len(ids) < len(sent) or await observer.drained(ids, idle_s=30.0, limit_s=90.0):
        raise RuntimeError(f"the warm-up concerns did not get through; see {stack.logs}")
    await asyncio.sleep(1.0)


def peak_memory_mb(stack: BenchStack) -> dict[str, float]:
    """Each service process's peak resident memory (VmHWM) so far, in MiB, and its worker
    processes' (communal's publishing worker) as ``<service> worker``."""
    peaks = {}
    for service in SERVICES:
        for replica in range(stack.replicas):
            pid = stack.pid(service, replica)
            name = service if stack.replicas == 1 else f"{service}-{replica}"
            peaks[name] = _vm_hwm_mb(pid) if pid else float("nan")
            for child in _children(pid) if pid else []:
                peaks[f"{name} worker"] = max(peaks.get(f"{name} worker", 0.0), _vm_hwm_mb(child))
    web = stack.server_pid("web")
    if web:
        peaks["web"] = _vm_hwm_mb(web)
    return peaks


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(FileNotFoundError):
            found += [int(child) for child in task.read_text().split()]
    return found


def _vm_hwm_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:  # a worker that ended between the listing and the read
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")
