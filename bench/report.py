"""The report: tables on stdout, every figure in a JSON file, the latency plot as a PNG."""

from __future__ import annotations

import json
import math
import os
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.costs import cost_lines, tracing_lines
from bench.floor import KAFKA_HOPS, TRANSACTIONS, Floor
from bench.reads import print_reads
from bench.run import RateRun
from bench.stack import ROOT
from bench.stats import Percentiles, max_sustained

__all__ = ["environment", "plot", "print_report", "write_json"]

TARGET_P99_MS = 250.0
MEMORY_LIMIT_MB = 150.0


def _ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


_HEAD = f"{'p50':>9} {'p95':>9} {'p99':>9} {'n':>6}"


def _row(p: Percentiles) -> str:
    return f"{_ms(p.p50):>9} {_ms(p.p95):>9} {_ms(p.p99):>9} {p.count:>6}"


def environment() -> dict[str, Any]:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git("rev-parse", "--short", "HEAD"),
        "dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {_cpu_model()}",
        "python": platform.python_version(),
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def print_report(
    env: dict[str, Any],
    floor: Floor | None,
    runs: list[RateRun],
    growth: list[dict[str, Any]],
    scale: list[dict[str, Any]],
    traced: dict[str, Any],
    memory: dict[str, float],
) -> None:
    print(
        f"\n== Benchmark, {env['date']}, commit {env['commit']}{' (dirty)' if env['dirty'] else ''}"
    )
    print(f"   {env['machine']}, Python {env['python']}")
    if floor:
        print("\n-- Floor (raw, idle servers), ms        p50       p95       p99      n")
        print(f"   Kafka produce->consume hop     {_row(floor.kafka_hop_ms)}")
        print(f"   single-document insert         {_row(floor.insert_ms)}")
        print(f"   transaction (3 inserts)        {_row(floor.transaction_ms)}")
        print(
            f"   path: {KAFKA_HOPS} hops + {TRANSACTIONS} transactions = "
            f"{_ms(floor.path_p50_ms)} ms at p50, {_ms(floor.path_p99_ms)} ms at p99"
        )
    print("\n-- Request to last notification stored, per offered rate (ms)")
    print(
        "   rate  achieved  offered  completed       p50       p95       p99  p50/floor  sustained"
    )
    for run in runs:
        r = run.result
        ratio = r.latency_ms.p50 / floor.path_p50_ms if floor else math.nan
        print(
            f"   {r.offered_rate:>4g} {r.achieved_rate:>9.1f} {r.offered:>8} {r.completed:>10} "
            f"{_ms(r.latency_ms.p50):>9} {_ms(r.latency_ms.p95):>9} {_ms(r.latency_ms.p99):>9} "
            f"{ratio:>10.1f}  {'yes' if r.sustained else 'NO'}"
        )
    best = max_sustained([run.result for run in runs])
    print(f"   highest sustained rate: {best if best is not None else 'none'} concerns/s")
    for run in runs:
        print(f"\n-- {f'Hops at {run.result.offered_rate:g}/s (ms)':<38}{_HEAD}")
        for name, p in run.hops.items():
            print(f"   {name:<38}{_row(p)}")
    for run in runs:
        print(f"\n-- Costs at {run.result.offered_rate:g}/s", *cost_lines(run.costs), sep="\n")
    if growth:
        print("\n-- Growth: cases stored before the run   p50       p95       p99  completed  vs 0")
        base = next((g["run"].result.latency_ms.p50 for g in growth if g["preloaded"] == 0), None)
        for g in growth:
            r = g["run"].result
            change = f"{(r.latency_ms.p50 / base - 1) * 100:+.0f}%" if base else "-"
            print(
                f"   {g['preloaded']:>8} (rate {r.offered_rate:g}/s)"
                f"      {_ms(r.latency_ms.p50):>9} "
                f"{_ms(r.latency_ms.p95):>9} {_ms(r.latency_ms.p99):>9} "
                f"{r.completed:>5}/{r.offered:<5} {change}"
            )
        for g in growth:
            if g["raw"]:
                title = f"raw operations, {g['preloaded']} cases stored (ms)"
                print(f"   {title:<46}{_HEAD}")
                for name, p in g["raw"].items():
                    print(f"     {name:<44}{_row(p)}")
                for name, summary in g["plans"].items():
                    print(f"     plan of {name}: {summary}")
            if g.get("stalls"):
                st = g["stalls"]
                print(
                    f"     database, one insert every 100 ms for 75 s: p50 {st['p50']:.1f},"
                    f" p99 {st['p99']:.1f}, max {st['max']:.0f} ms;"
                    f" {len(st['stalls_over_500_ms'])} stalls over 500 ms"
                )
    print_reads(growth)
    for s in scale:
        r = s["run"].result
        print(
            f"\n-- Scale-out: {s['replicas']} replica(s) of each service,"
            f" offered {r.offered_rate:g}/s"
        )
        print(
            f"   throughput {s['throughput']:.1f} concerns/s completed; {r.completed}/{r.offered} "
            f"completed; p50 {_ms(r.latency_ms.p50)} ms, p99 {_ms(r.latency_ms.p99)} ms; "
            f"emails still pending {s['emails_pending']}"
        )
        for name, count in s["checks"].items():
            print(f"   {name:<52}{count:>7}")
    for g in growth:
        if g["preloaded"]:
            print(
                f"\n-- Costs with {g['preloaded']} cases stored",
                *cost_lines(g["run"].costs),
                sep="\n",
            )
    for s in scale:
        print(f"\n-- Costs with {s['replicas']} replicas", *cost_lines(s["run"].costs), sep="\n")
    print(f"\n-- Tracing off against on, {traced['rate']:g}/s", *tracing_lines(traced), sep="\n")
    print("\n-- Peak memory (VmHWM) per service process, MiB")
    for service, peak in memory.items():
        flag = "" if peak < MEMORY_LIMIT_MB else f"  over {MEMORY_LIMIT_MB:.0f}"
        print(f"   {service:<28}{peak:>8.1f}{flag}")


def _plain(value: Any) -> Any:
    if isinstance(value, Percentiles):
        return value.as_dict()
    if isinstance(value, Floor):
        return {
            "kafka_hop_ms": value.kafka_hop_ms.as_dict(),
            "insert_ms": value.insert_ms.as_dict(),
            "transaction_ms": value.transaction_ms.as_dict(),
            "path_p50_ms": value.path_p50_ms,
            "path_p99_ms": value.path_p99_ms,
        }
    if isinstance(value, RateRun):
        r = value.result
        return {
            "offered_rate": r.offered_rate,
            "achieved_rate": r.achieved_rate,
            "offered": r.offered,
            "accepted": r.accepted,
            "completed": r.completed,
            "latency_ms": r.latency_ms.as_dict(),
            "sustained": r.sustained,
            "first_third_p99_ms": r.first_third_p99_ms,
            "last_third_p99_ms": r.last_third_p99_ms,
            "hops": _plain(value.hops),
            "costs": _plain(value.costs),
        }
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def write_json(out: Path, report: dict[str, Any]) -> Path:
    env = report["environment"]
    path = out / f"{env['date'][:10]}-{env['commit']}.json"
    out.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(_plain(report), indent=2) + "\n", encoding="utf-8")
    return path


_DOCS_PLOT = Path(__file__).resolve().parents[1] / "docs" / "assets" / "latency.png"


def plot(out: Path, runs: list[RateRun], env: dict[str, Any]) -> Path:
    """p50, p95 and p99 against the offered rate, log scale, with the 250 ms target."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rates = [run.result.offered_rate for run in runs]
    figure, axes = plt.subplots(figsize=(7, 4.5), dpi=110)
    for name, style in (("p50", "o-"), ("p95", "s-"), ("p99", "^-")):
        axes.plot(rates, [getattr(run.result.latency_ms, name) for run in runs], style, label=name)
    axes.axhline(TARGET_P99_MS, color="grey", linestyle="--", label="p99 target, 250 ms")
    axes.set_yscale("log")
    axes.set_xlabel("offered load, concerns per second")
    axes.set_ylabel("request to last notification stored, ms")
    axes.set_title(f"Concern flow latency ({env['date'][:10]}, {env['commit']})", fontsize=10)
    axes.grid(True, which="both", alpha=0.3)
    axes.legend()
    figure.tight_layout()
    path = out / "latency.png"
    out.mkdir(parents=True, exist_ok=True)
    figure.savefig(path)
    # The documentation shows the latest plot; it lives in the docs, which MkDocs builds.
    _DOCS_PLOT.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(_DOCS_PLOT)
    plt.close(figure)
    return path
