"""What one concern costs: database operations per service database and collection (the
database's ``top``), every command it served (``serverStatus`` opcounters), and the CPU time
of each process, all as deltas over the load window divided by the completed concerns.

The window opens just before the first request and closes as soon as the last notification
is stored, before the bench reads the stores itself (``hops.timelines``). The bench's own
traffic in it is left out: the observer's change stream runs on ``admin`` (no service
namespace) and its getMores are taken off the opcounters, and so are this meter's two
closing commands (its client polls no heartbeat in between). What stays is all the
services did, idle polling included: that is what the platform pays per concern.
"""

from __future__ import annotations

import contextlib
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pymongo import AsyncMongoClient

from bench.stack import SERVICES, BenchStack

__all__ = ["CostMeter", "cost_lines", "cpu_ticks", "tracing_lines"]

_TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")
_OWN_CLOSING_COMMANDS = 2  # the closing ``top`` and ``serverStatus`` (which counts itself)


@dataclass
class _Reading:
    top: dict[str, tuple[int, int, int]]  # namespace -> (count, micros, getmore count)
    opcounters: dict[str, int]
    ticks: dict[str, int]  # process -> clock ticks of CPU


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (a server may run helpers)."""
    pids, i = [pid], 0
    while i < len(pids):
        for task in Path(f"/proc/{pids[i]}/task").glob("*"):
            with contextlib.suppress(OSError):  # the thread or process has ended
                pids += [int(child) for child in (task / "children").read_text().split()]
        i += 1
    return pids


def cpu_ticks(pid: int | None) -> int:
    """utime + stime (and of reaped children) of the process tree, in clock ticks."""
    total = 0
    for one in _tree(pid) if pid else []:
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
    return total


def _processes(stack: BenchStack) -> dict[str, int | None]:
    named: dict[str, int | None] = {}
    for service in SERVICES:
        for replica in range(stack.replicas):
            name = service if stack.replicas == 1 else f"{service}-{replica}"
            named[name] = stack.pid(service, replica)
    return named | {s: stack.server_pid(s) for s in ("mongo", "kafka")}


class CostMeter:
    """``await start()`` before the load, ``await stop(completed)`` after the drain."""

    def __init__(self, stack: BenchStack) -> None:
        self._stack = stack
        # No heartbeat inside the window: only the commands this meter sends reach the server.
        self._client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(
            stack.mongo_uri, heartbeatFrequencyMS=3_600_000, serverMonitoringMode="poll"
        )
        self._before: _Reading | None = None

    async def _read(self) -> _Reading:
        ticks = {name: cpu_ticks(pid) for name, pid in _processes(self._stack).items()}
        totals = (await self._client.admin.command("top"))["totals"]
        status = await self._client.admin.command("serverStatus")
        top = {
            ns: (s["total"]["count"], s["total"]["time"], s["getmore"]["count"])
            for ns, s in totals.items()
            if ns != "note"
        }
        return _Reading(top, dict(status["opcounters"]), ticks)

    async def start(self) -> None:
        self._before = await self._read()

    async def stop(self, completed: int) -> dict[str, Any]:
        after, before = await self._read(), self._before
        await self._client.close()
        assert before is not None, "start() first"
        per = 1 / completed if completed else math.nan
        zero = (0, 0, 0)
        ops = {ns: [a - b for a, b in zip(v, before.top.get(ns, zero), strict=True)]
               for ns, v in after.top.items()}  # fmt: skip
        mine = {ns: d for ns, d in ops.items() if ns.split(".", 1)[0] in SERVICES}
        by_db = {db: [d for ns, d in mine.items() if ns.startswith(f"{db}.")] for db in SERVICES}
        counters = {k: v - before.opcounters.get(k, 0) for k, v in after.opcounters.items()}
        # getMores on no listed namespace are the observer's change stream (on admin).
        counters["getmore"] = sum(d[2] for d in ops.values())
        counters["command"] -= _OWN_CLOSING_COMMANDS
        ranked = sorted(mine.items(), key=lambda item: -item[1][0])[:10]
        ops_per = {db: sum(d[0] for d in ds) * per for db, ds in by_db.items()}
        return {
            "completed": completed,
            "ops_per_concern": ops_per | {"total": sum(ops_per.values())},
            "db_ms_per_concern": {
                db: sum(d[1] for d in ds) / 1000 * per for db, ds in by_db.items()
            },
            "opcounters_per_concern": {k: v * per for k, v in counters.items()}
            | {"total": sum(counters.values()) * per},
            "top_namespaces": [[ns, d[0] * per, d[1] / 1000 * per] for ns, d in ranked],
            "cpu_ms_per_concern": {
                name: (ticks - before.ticks.get(name, 0)) * _TICK_MS * per
                for name, ticks in after.ticks.items()
            },
        }


def cost_lines(costs: dict[str, Any]) -> list[str]:
    """The report's lines for one run's costs."""
    ops, opc = costs["ops_per_concern"], costs["opcounters_per_concern"]
    db_ms = costs["db_ms_per_concern"]
    lines = [f"   database operations per concern ({costs['completed']} completed; target ≤ 20)"]
    lines += [f"     {db:<40}{ops[db]:>8.1f} ops {db_ms[db]:>8.1f} ms" for db in SERVICES]
    lines.append(f"     {'the four service databases':<40}{ops['total']:>8.1f} ops")
    detail = ", ".join(f"{k} {v:.1f}" for k, v in opc.items() if k != "total")
    lines.append(f"     {'every command (serverStatus)':<40}{opc['total']:>8.1f} ops ({detail})")
    lines.append("   top namespaces, per concern")
    lines += [f"     {ns:<40}{n:>8.1f} ops {ms:>8.1f} ms" for ns, n, ms in costs["top_namespaces"]]
    lines.append("   CPU per concern, ms")
    lines += [f"     {name:<40}{ms:>8.1f}" for name, ms in costs["cpu_ms_per_concern"].items()]
    return lines


def tracing_lines(traced: dict[str, Any]) -> list[str]:
    """Tracing off against on: latency, CPU per concern per process, what was exported."""
    names = list(traced["off"].costs["cpu_ms_per_concern"])
    lines = [f"   {'':<9}{'p50 ms':>8}{'p99 ms':>8}{'done':>6}   CPU ms per concern: "
             + " ".join(f"{n[:13]:>13}" for n in names)]  # fmt: skip
    for label in ("off", "on", "sampled"):
        run = traced[label]
        r, cpu = run.result, run.costs["cpu_ms_per_concern"]
        name = f"{traced['sampled_ratio']:.0%}" if label == "sampled" else label
        lines.append(
            f"   {name:<9}{r.latency_ms.p50:>8.1f}{r.latency_ms.p99:>8.1f}{r.completed:>6}"
            f"   {'':<20}" + " ".join(f"{cpu.get(n, math.nan):>13.1f}" for n in names)
        )
    for label in ("on", "sampled"):
        sent = traced[f"exported_per_concern_{label}"]
        lines.append(
            f"   exported per concern ({label}): {sent['spans']:.1f} spans in"
            f" {sent['requests']:.2f} requests, {sent['bytes'] / 1024:.1f} KiB"
        )
        memory = ", ".join(f"{n} {mb:.1f}" for n, mb in traced[f"memory_mb_{label}"].items())
        lines.append(f"   peak memory, tracing {label} (MiB): {memory}")
    return lines
