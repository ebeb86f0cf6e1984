"""The benchmark's phases, each on fresh servers so that one phase's data never slows
another: the rate sweep (with the floor), growth, scale-out, and tracing on against off."""

from __future__ import annotations

import asyncio
import logging
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.floor import measure_floor
from bench.growth import database_stalls, explain_queries, preload, raw_operations
from bench.observe import Observer
from bench.otlp_sink import OtlpSink
from bench.reads import measure_reads
from bench.run import RateRun, measure_rate, peak_memory_mb, warm_up
from bench.scale import duplicates, emails_settled
from bench.stack import BenchStack

__all__ = ["Plan", "growth", "scale_out", "sweep", "tracing"]

log = logging.getLogger("bench")


@dataclass(frozen=True)
class Plan:
    rates: list[float]
    duration_s: float
    preloaded: list[int]
    growth_rate: float
    replicas: list[int]
    scale_rate: float
    scale_duration_s: float
    floor_samples: int
    workdir: Path
    memory_mb: dict[str, float] = field(default_factory=dict)  # peak per service, all phases
    reads: dict[int, Any] = field(default_factory=dict)  # read paths by cases stored


@asynccontextmanager
async def _stack(
    plan: Plan,
    name: str,
    replicas: int = 1,
    *,
    service_env: dict[str, str] | None = None,
    with_web: bool = False,
) -> AsyncIterator[tuple[BenchStack, Observer]]:
    """Fresh servers and services, warmed up; peak memory noted and storage dropped after."""
    workdir = plan.workdir / name
    shutil.rmtree(workdir, ignore_errors=True)
    stack = BenchStack(workdir, replicas=replicas, service_env=service_env, with_web=with_web)
    observer = Observer(stack.mongo_uri)
    log.info("%s: starting the stack in %s", name, workdir)
    try:
        await stack.start()
        await observer.start()
        await warm_up(stack, observer)
        yield stack, observer
        for service, peak in peak_memory_mb(stack).items():
            plan.memory_mb[service] = max(plan.memory_mb.get(service, 0.0), peak)
    finally:
        await observer.stop()
        await stack.stop()
        shutil.rmtree(workdir / "mongo", ignore_errors=True)


TARGET_RATE = 10.0  # the p99 target is set at this rate


async def sweep(plan: Plan) -> tuple[dict[str, Any], list[RateRun]]:
    """Each rate on a fresh stack, lowest first, until one is not sustained; every rate up
    to the target (10 concerns/s) is measured, sustained or not."""
    floor = None
    runs = []
    for rate in sorted(plan.rates):
        # The growth phase reuses this rate's run for 0 cases: its read paths are timed here.
        reads = rate == plan.growth_rate and 0 in plan.preloaded
        async with _stack(plan, f"rate-{rate:g}", with_web=reads) as (stack, observer):
            if reads:
                plan.reads[0] = await _reads(stack, observer, plan, 0)
            if floor is None:
                log.info("floor: %d samples of each raw operation", plan.floor_samples)
                floor = await measure_floor(
                    stack.kafka_bootstrap, stack.mongo_uri, samples=plan.floor_samples
                )
            log.info("rate %g/s for %gs", rate, plan.duration_s)
            run = await measure_rate(stack, observer, rate, plan.duration_s)
        runs.append(run)
        log.info("rate %g/s: %s", rate, run.result)
        if not run.result.sustained and rate >= TARGET_RATE:
            break
    return {"floor": floor}, runs


async def growth(plan: Plan, baseline: RateRun | None) -> list[dict[str, Any]]:
    """The growth rate with N cases stored first; the raw queries timed at that size."""
    rows: list[dict[str, Any]] = []
    for count in sorted(plan.preloaded):
        if count == 0 and baseline is not None:
            rows.append({"preloaded": 0, "run": baseline, "preload_s": 0.0, "raw": {}, "plans": {},
                         "stalls": None, "reads": plan.reads.get(0)})  # fmt: skip
            continue
        async with _stack(plan, f"growth-{count}", with_web=True) as (stack, observer):
            log.info("growth: storing %d cases", count)
            await observer.pause()
            took = await preload(stack.mongo_uri, observer.commits, count)
            await observer.start()
            log.info("growth: %d cases stored in %.0fs; timing the raw queries", count, took)
            raw = await raw_operations(stack.mongo_uri)
            plans = await explain_queries(stack.mongo_uri)
            log.info("growth: %d cases, probing the database for stalls for 75 s", count)
            stalls = await database_stalls(stack.mongo_uri)
            plan.reads[count] = await _reads(stack, observer, plan, count)
            log.info(
                "growth: %d cases, rate %g/s for %gs", count, plan.growth_rate, plan.duration_s
            )
            run = await measure_rate(stack, observer, plan.growth_rate, plan.duration_s)
        rows.append({"preloaded": count, "run": run, "preload_s": took, "raw": raw, "plans": plans,
                     "stalls": stalls, "reads": plan.reads[count]})  # fmt: skip
    return rows


async def _reads(stack: BenchStack, observer: Observer, plan: Plan, count: int) -> Any:
    samples = plan.floor_samples // 2  # 100 requests per path, 25 in --quick
    log.info("reads: %d cases stored, %d requests of each read path", count, samples)
    return await measure_reads(stack, observer, samples=samples)


async def scale_out(plan: Plan) -> list[dict[str, Any]]:
    """Saturating load on ``replicas`` of every service: throughput and duplicate effects."""
    rows = []
    for replicas in plan.replicas:
        async with _stack(plan, f"replicas-{replicas}", replicas) as (stack, observer):
            log.info(
                "scale-out: %d replicas, %g/s for %gs",
                replicas,
                plan.scale_rate,
                plan.scale_duration_s,
            )
            run = await measure_rate(stack, observer, plan.scale_rate, plan.scale_duration_s)
            pending = await emails_settled(stack.mongo_uri)
            ids = [line.concern_id for line in run.lines]
            twice = await duplicates(stack.mongo_uri, ids, stack.workdir / "mail")
        span = run.finished - run.started
        throughput = run.result.completed / span if span > 0 else 0.0
        rows.append(
            {
                "replicas": replicas,
                "run": run,
                "throughput": throughput,
                "emails_pending": pending,
                "checks": twice,
            }
        )
    return rows


SAMPLED = 0.1  # the tracing phase's second run keeps this share of the traces


async def tracing(plan: Plan, off: RateRun | None) -> dict[str, Any]:
    """The growth rate with every trace exported (to a local sink), then a tenth of them,
    against tracing off (the sweep's run at that rate, if it had one), each on a fresh stack."""
    if off is None:
        async with _stack(plan, "tracing-off") as (stack, observer):
            log.info("tracing off: rate %g/s for %gs", plan.growth_rate, plan.duration_s)
            off = await measure_rate(stack, observer, plan.growth_rate, plan.duration_s)
    sink = OtlpSink(plan.workdir / "otlp-sink")
    await sink.start()
    runs: dict[str, Any] = {"rate": plan.growth_rate, "off": off, "sampled_ratio": SAMPLED}
    try:
        for label, ratio in (("on", 1.0), ("sampled", SAMPLED)):
            env = {"OTEL_EXPORTER_OTLP_ENDPOINT": sink.endpoint,
                   "OTEL_TRACES_SAMPLE_RATIO": str(ratio)}  # fmt: skip
            async with _stack(plan, f"tracing-{label}", service_env=env) as (stack, observer):
                log.info("tracing %s: rate %g/s for %gs", label, plan.growth_rate, plan.duration_s)
                before = await sink.stats()
                run = await measure_rate(stack, observer, plan.growth_rate, plan.duration_s)
                await asyncio.sleep(6.0)  # the batch span processors export every 5 s
                after = await sink.stats()
                runs[f"memory_mb_{label}"] = peak_memory_mb(stack)
            done = max(run.result.completed, 1)
            runs[label] = run
            runs[f"exported_per_concern_{label}"] = {
                k: (v - before[k]) / done for k, v in after.items()
            }
    finally:
        sink.stop()
    return runs
