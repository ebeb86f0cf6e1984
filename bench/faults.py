"""The fault suite: ``python -m bench.faults`` (or ``deploy/faults.sh``).

Under a steady load of concerns it kills each service in turn with SIGKILL and starts it
again, restarts the broker (its memory storage loses every topic, message and offset),
restarts the database with SIGKILL, floods the topics with copies of events already
handled, and injects malformed messages. Then it waits for the platform to settle and
counts (``bench/audit.py``): every accepted concern has exactly one case, every recipient
one notification per event, every malformed message is dead-lettered. Then it handles the
dead letters (``bench/replays.py``): one a fix cures (a concern for a school added later),
every one replayed twice through the administrator API, and counts again: the cured one
has exactly one effect, the malformed ones come back on their own entries. It prints the
counts and exits non-zero on any difference.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError

from bench.audit import Count, Malformed, count_everything
from bench.load import Sent, raise_concerns
from bench.replays import replay_dead_letters, unknown_school_concern
from bench.stack import SERVICES, BenchStack
from shared.storage import Store
from shared.topics import CASES, CONCERNS

__all__ = ["FaultPlan", "main", "run_faults"]

RAISER = "teacher-tiina"
Fault = Callable[[BenchStack, "FaultPlan"], Awaitable[list[Malformed]]]


@dataclass(frozen=True)
class FaultPlan:
    rate: float = 5.0  # concerns a second, all through the faults
    pause_s: float = 10.0  # steady load before each fault, and after the last
    flood_events: int = 50  # events already handled, sent again ...
    flood_copies: int = 3  # ... this many times each
    settle_limit_s: float = 240.0


def _crash(service: str) -> Fault:
    async def crash(stack: BenchStack, _plan: FaultPlan) -> list[Malformed]:
        stack.kill_service(service)
        await stack.start_service(service)
        return []

    return crash


async def _restart_broker(stack: BenchStack, _plan: FaultPlan) -> list[Malformed]:
    await stack.restart_broker()  # the services must recreate the topics themselves
    return []


async def _restart_database(stack: BenchStack, _plan: FaultPlan) -> list[Malformed]:
    await stack.restart_database(hard=True)
    return []


async def _flood(stack: BenchStack, plan: FaultPlan) -> list[Malformed]:
    """Events the consumers have handled, delivered again: they must have no second effect."""
    copies: list[tuple[str, bytes | None, bytes]] = []
    for service in ("intake", "welfare_group"):
        store = Store(stack.mongo_uri, stack.database(service))
        try:
            published = store.collection("outbox").find({"published_at": {"$ne": None}})
            async for entry in published.sort("_id", 1).limit(plan.flood_events):
                key = entry["key"].encode() if entry["key"] else None
                copies.append((entry["topic"], key, bytes(entry["value"])))
        finally:
            store.close()
    await _produce(stack, [c for c in copies for _ in range(plan.flood_copies)])
    return []


async def _inject_malformed(stack: BenchStack, _plan: FaultPlan) -> list[Malformed]:
    malformed = []
    for topic in (CONCERNS, CASES):
        marker = f"fault-suite-{uuid.uuid4()}"
        for value in (
            b"{not json " + marker.encode(),
            json.dumps({"type": "concern.forgotten", "schema_version": 1, "m": marker}).encode(),
            json.dumps({"type": "case.opened", "schema_version": 1, "m": marker}).encode(),
        ):
            malformed.append(Malformed(topic, value))
    messages: list[tuple[str, bytes | None, bytes]] = [
        (m.topic.name, b"fault-suite", m.value) for m in malformed
    ]
    # And one a fix cures: a concern for a school the directory learns only afterwards.
    student_ref, curable = unknown_school_concern()
    messages.append((curable.topic.name, student_ref.encode(), curable.value))
    await _produce(stack, messages)
    return [*malformed, curable]


FAULTS: list[tuple[str, Fault]] = [
    *[(f"SIGKILL {service}, then start it again", _crash(service)) for service in SERVICES],
    ("restart the broker: every topic, message and offset lost", _restart_broker),
    ("restart the database after SIGKILL", _restart_database),
    ("flood the topics with copies of handled events", _flood),
    ("inject malformed messages", _inject_malformed),
]


async def _produce(stack: BenchStack, messages: list[tuple[str, bytes | None, bytes]]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=stack.kafka_bootstrap, acks="all")
    await producer.start()
    try:
        for topic, key, value in messages:
            for attempt in range(20):
                try:
                    await producer.send_and_wait(topic, value, key=key)
                    break
                except KafkaError:
                    # Tansu refuses some writes for a while after it lost its storage.
                    await asyncio.sleep(0.1 * (attempt + 1))
    finally:
        await producer.stop()


async def run_faults(workdir: Path, plan: FaultPlan, say: Callable[[str], None]) -> list[Count]:
    stack = BenchStack(workdir)
    await stack.start()
    try:
        duration = plan.pause_s * (len(FAULTS) + 1)
        token = stack.token(RAISER)
        load = asyncio.create_task(
            raise_concerns([stack.url("intake")], token, plan.rate, duration, tag="faults")
        )
        malformed: list[Malformed] = []
        for name, fault in FAULTS:
            await asyncio.sleep(plan.pause_s)
            started = time.monotonic()
            malformed += await fault(stack, plan)
            say(f"fault: {name} ({time.monotonic() - started:.1f} s)")
        sent = await load
        say(f"load: {len(sent)} concerns sent, {sum(1 for s in sent if s.concern_id)} accepted")
        await _settled(stack, sent, malformed, plan.settle_limit_s, say)
        # Then the dead letters are handled: the fix, every one replayed (twice), and the
        # counts again, which replays must not change.
        replayed = await replay_dead_letters(stack)
        say("replays: " + ", ".join(f"{c.what}: {c.found}/{c.expected}" for c in replayed))
        return [*replayed, *await _settled(stack, sent, malformed, plan.settle_limit_s, say)]
    finally:
        await stack.stop()


async def _settled(stack: BenchStack, sent: list[Sent], malformed: list[Malformed], limit_s: float,
                   say: Callable[[str], None]) -> list[Count]:  # fmt: skip
    """The counts once they all agree, or as they stand when ``limit_s`` has passed."""
    deadline = time.monotonic() + limit_s
    while True:
        counts = await count_everything(stack, sent, malformed)
        if all(c.ok for c in counts) or time.monotonic() > deadline:
            return counts
        waiting = ", ".join(f"{c.what}: {c.found}/{c.expected}" for c in counts if not c.ok)
        say(f"settling: {waiting}")
        await asyncio.sleep(5)


def report(counts: list[Count]) -> str:
    width = max(len(c.what) for c in counts)
    lines = [f"{'':<{width}}  expected     found", *(
        f"{c.what:<{width}}  {c.expected:>8}  {c.found:>8}  {'ok' if c.ok else 'DIFFERENT'}"
        for c in counts
    )]  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.faults",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--rate", type=float, default=FaultPlan.rate)
    parser.add_argument("--pause-s", type=float, default=FaultPlan.pause_s)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    plan = FaultPlan(rate=args.rate, pause_s=args.pause_s)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="faults-"))
    print(f"faults: servers, services and logs in {workdir}", flush=True)
    counts = asyncio.run(run_faults(workdir, plan, lambda line: print(line, flush=True)))
    print(report(counts))
    failed = [c for c in counts if not c.ok]
    verdict = f"FAILED: {len(failed)} counts differ" if failed else "all counts agree"
    print(f"faults: {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
