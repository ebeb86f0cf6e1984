"""``python -m bench run``: the benchmark of the concern flow (README, "Performance").

Starts its own servers and services on free ports (nothing of ``deploy/up.sh`` is used or
disturbed), prints the report, and writes ``OUT/<date>-<commit>.json`` and
``OUT/latency.png``. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
from pathlib import Path

from bench.phases import Plan, growth, scale_out, sweep, tracing
from bench.report import environment, plot, print_report, write_json
from bench.stack import ROOT
from bench.summary import newest, print_summary

__all__ = ["main"]


def _numbers(text: str) -> list[float]:
    """``5,10,20``; ``none`` (or ``0`` replicas) leaves a phase out."""
    return [float(part) for part in text.split(",") if part.strip() not in ("", "none")]


def _plan(args: argparse.Namespace, workdir: Path) -> Plan:
    quick = args.quick
    rates = _numbers(args.rates or ("5,20" if quick else "2,5,7,10,15,20"))
    duration = args.duration_s or (10.0 if quick else 60.0)
    return Plan(
        rates=rates,
        duration_s=duration,
        preloaded=[
            int(n) for n in _numbers(args.preloaded or ("0,1000" if quick else "0,1000,100000"))
        ],
        # Growth is measured where the flow keeps up, so what grows is the work per concern.
        growth_rate=args.growth_rate or 5.0,
        replicas=[int(n) for n in _numbers(args.replicas or ("2" if quick else "1,2")) if n > 0],
        scale_rate=args.scale_rate or (20.0 if quick else 40.0),
        scale_duration_s=min(duration, 30.0),
        floor_samples=50 if quick else 200,
        workdir=workdir,
    )


async def _run(plan: Plan, out: Path) -> None:
    env = environment()
    extra, runs = await sweep(plan)
    baseline = next((r for r in runs if r.result.offered_rate == plan.growth_rate), None)
    grown = await growth(plan, baseline) if plan.preloaded else []
    scaled = await scale_out(plan) if plan.replicas else []
    traced = await tracing(plan, baseline)
    floor = extra["floor"]
    print_report(env, floor, runs, grown, scaled, traced, plan.memory_mb)
    report = {
        "environment": env,
        "plan": {k: v for k, v in vars(plan).items() if k not in ("workdir", "memory_mb")},
        "floor": floor,
        "rates": runs,
        "growth": grown,
        "scale_out": [{k: v for k, v in s.items()} for s in scaled],
        "tracing": traced,
        "memory_mb": plan.memory_mb,
    }
    print(f"\nwritten: {write_json(out, report)}")
    if runs:
        print(f"written: {plot(out, runs, env)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the benchmark and print the report")
    run.add_argument("--rates", help="offered rates, concerns/s (default 2,5,7,10,15,20)")
    run.add_argument("--duration-s", type=float, help="seconds of load per rate (default 60)")
    run.add_argument("--preloaded", help="cases stored before growth runs (0,1000,100000; none)")
    run.add_argument("--growth-rate", type=float, help="rate of the growth runs (default 5)")
    run.add_argument("--replicas", help="replicas per service in scale-out runs (1,2; none)")
    run.add_argument("--scale-rate", type=float, help="saturating rate of scale-out (40)")
    run.add_argument("--quick", action="store_true", help="a short smoke run (a few minutes)")
    run.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    run.add_argument("--workdir", type=Path, help="servers' data and logs (default: a temp dir)")
    summary = commands.add_parser("summary", help="the README's table from a report's JSON")
    summary.add_argument("file", type=Path, nargs="?", help="default: the newest in bench/results")
    args = parser.parse_args(argv)
    if args.command == "summary":
        print_summary(args.file or newest(ROOT / "bench" / "results"))
        return 0
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    # aiokafka logs every refused connection while the broker starts; the waits report.
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # a line per request otherwise
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        asyncio.run(_run(_plan(args, workdir), args.out))
    except KeyboardInterrupt:
        return 130
    print(f"servers' logs: {workdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
