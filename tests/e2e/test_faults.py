"""The fault suite (``python -m bench.faults``) in a reduced form: fewer concerns, shorter
pauses, every fault. Each service is SIGKILLed and started again, the broker loses all it
held, the database is killed, handled events arrive again and malformed ones are injected;
afterwards every count must agree (see bench/audit.py for what is counted)."""

from __future__ import annotations

from pathlib import Path

from bench.faults import FAULTS, FaultPlan, report, run_faults

REDUCED = FaultPlan(rate=3.0, pause_s=4.0, flood_events=20, flood_copies=2, settle_limit_s=180)


async def test_under_every_fault_nothing_is_lost_and_nothing_happens_twice(tmp_path: Path) -> None:
    said: list[str] = []
    counts = await run_faults(tmp_path, REDUCED, said.append)

    assert len([line for line in said if line.startswith("fault:")]) == len(FAULTS)
    accepted = next(c for c in counts if c.what.startswith("concerns accepted"))
    assert accepted.expected > 0
    assert all(c.ok for c in counts), report(counts)
