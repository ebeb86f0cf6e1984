"""The service process never loads the audit's numerical libraries; its worker does, and
answers what the audit answers in-process."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

from services.communal.adapters.publisher import PublishingWorker
from services.communal.domain.periods import SchoolYear
from services.communal.domain.publication import publish
from services.communal.domain.publication_staffing import Staffing
from services.communal.domain.tallies import Tally

NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


_PROBE = """
import asyncio, sys
from datetime import UTC, datetime
import services.communal.bootstrap
from services.communal.adapters.publisher import PublishingWorker
from services.communal.domain.periods import SchoolYear

async def main():
    worker = PublishingWorker()
    try:
        made = await worker({}, {}, SchoolYear(2026), datetime(2027, 3, 1, tzinfo=UTC))
    finally:
        await worker.stop()
    print(type(made).__name__, sorted(m for m in ("numpy", "scipy") if m in sys.modules))

asyncio.run(main())
"""


def test_the_service_gets_a_publication_without_loading_numpy_or_scipy() -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "Publication []"


async def test_the_worker_publishes_what_the_audit_publishes_in_process() -> None:
    counts = {Tally("school-a", "2026-09", "concerns", "all"): 12,
              Tally("school-b", "2026-09", "concerns", "all"): 3}  # fmt: skip
    schools = {"school-a": Staffing(300, 1.0, 0.5), "school-b": Staffing(120, 0.4, 0.4)}
    year = SchoolYear(2026)
    worker = PublishingWorker()
    try:
        made = await worker(counts, schools, year, NOW)
    finally:
        await worker.stop()
    assert made == publish(counts, schools, year, NOW)
