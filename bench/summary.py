"""``python -m bench summary [FILE]``: the README's performance table, from a report's JSON.

Each of issue 18's targets in one row: what was measured, and whether it was met. The
README's table is this output pasted, so it can always be made again from the committed
JSON (the newest in ``bench/results/`` by default).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["newest", "print_summary", "summary_table"]

_SERVICES = ("intake", "welfare_group", "notifications", "communal")


def _rate(report: dict[str, Any], offered: float) -> dict[str, Any] | None:
    return next((r for r in report["rates"] if r["offered_rate"] == offered), None)


def _highest_sustained(report: dict[str, Any]) -> tuple[float, str]:
    best = 0.0
    for run in sorted(report["rates"], key=lambda r: r["offered_rate"]):
        if not run["sustained"]:
            break
        best = run["offered_rate"]
    tried = ", ".join(f"{r['offered_rate']:g}" for r in report["rates"])
    return best, f"{best:g}/s (rates tried: {tried})"


def _row(target: str, measured: str, met: bool | None) -> str:
    verdict = "—" if met is None else ("met" if met else "**not met**")
    return f"| {target} | {measured} | {verdict} |"


def _growth(report: dict[str, Any]) -> list[str]:
    rows = {g["preloaded"]: g for g in report["growth"]}
    if 0 not in rows or not rows.keys() - {0}:
        return []
    base = rows[0]["run"]["latency_ms"]["p50"]
    largest = max(rows)
    grown = rows[largest]["run"]["latency_ms"]["p50"]
    change = (grown - base) / base
    stalls = rows[largest].get("stalls") or {}
    worst = stalls.get("max", float("nan"))
    measured = (f"p50 {base:,.0f} ms at 0, {grown:,.0f} ms at {largest:,} ({change:+.0%}); "
                f"longest database pause {worst:,.0f} ms")  # fmt: skip
    met = abs(change) <= 0.30 and worst <= 500
    return [_row(f"growth to {largest:,} cases: p50 within 30%, no stall over 500 ms",
                 measured, met)]  # fmt: skip


def _reads(report: dict[str, Any]) -> list[str]:
    rows = {g["preloaded"]: g for g in report["growth"] if g.get("reads")}
    if not rows:
        return []
    largest = max(rows)
    paths = rows[largest]["reads"]["paths"]
    over = sorted(((p["ms"]["p99"], name) for name, p in paths.items()), reverse=True)
    slow = [f"{name} {p99:,.0f}" for p99, name in over if p99 >= 100]
    measured = (f"{len(paths) - len(slow)} of {len(paths)} paths under 100 ms"
                + (f"; over: {', '.join(slow)} ms" if slow else ""))  # fmt: skip
    return [_row(f"read paths at {largest:,} cases: each p99 < 100 ms", measured, not slow)]


def summary_table(report: dict[str, Any]) -> str:
    env = report["environment"]
    lines = [f"Measured {env['date']} on {env['machine']}, commit `{env['commit']}` "
             f"(`bench/results/`):", "", "| target | measured | |", "|---|---|---|"]  # fmt: skip
    best, measured = _highest_sustained(report)
    lines.append(_row("highest sustained rate ≥ 20 concerns/s", measured, best >= 20))
    at10 = _rate(report, 10.0)
    if at10 is not None:
        p99 = at10["latency_ms"]["p99"]
        lines.append(_row("p99 < 250 ms at 10/s", f"{p99:,.0f} ms", p99 < 250))
    at5 = _rate(report, 5.0)
    if at5 is not None:
        ratio = at5["latency_ms"]["p50"] / report["floor"]["path_p50_ms"]
        measured = (f"{ratio:.1f}x ({at5['latency_ms']['p50']:,.0f} ms over a floor of "
                    f"{report['floor']['path_p50_ms']:.1f} ms)")  # fmt: skip
        lines.append(_row("p50 ≤ 2x the floor at 5/s", measured, ratio <= 2))
        costs = at5["costs"]
        ops = costs["ops_per_concern"]
        each = ", ".join(f"{s} {ops[s]:.1f}" for s in _SERVICES)
        lines.append(_row("database operations per concern ≤ 20",
                          f"{ops['total']:.1f} ({each})", ops["total"] <= 20))  # fmt: skip
        cpu = costs["cpu_ms_per_concern"]
        lines.append(_row("service CPU per concern (ms, printed)",
                          ", ".join(f"{n} {v:.1f}" for n, v in cpu.items()), None))  # fmt: skip
    lines += _growth(report) + _reads(report)
    memory = report["memory_mb"]
    largest_process = max(memory, key=lambda n: memory[n])
    lines.append(_row("memory < 150 MB per service (metrics and tracing on)",
                      f"largest {largest_process} {memory[largest_process]:.0f} MiB",
                      memory[largest_process] < 150))  # fmt: skip
    traced = report.get("tracing")
    if traced:
        off, on, tenth = (sum(traced[k]["costs"]["cpu_ms_per_concern"][s] for s in _SERVICES)
                          for k in ("off", "on", "sampled"))  # fmt: skip
        lines.append(_row("cost of tracing (service CPU per concern)",
                          f"off {off:.0f} ms, all traces {on:.0f} ms ({on / off - 1:+.0%}), "
                          f"a tenth {tenth:.0f} ms ({tenth / off - 1:+.0%})", None))  # fmt: skip
    return "\n".join(lines)


def newest(results: Path) -> Path:
    """The newest report by its own date (file times change with a checkout)."""
    reports = results.glob("*.json")
    return max(reports, key=lambda p: json.loads(p.read_text())["environment"]["date"])


def print_summary(path: Path) -> None:
    print(summary_table(json.loads(path.read_text(encoding="utf-8"))))
