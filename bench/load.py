"""An open-loop load generator: concerns raised over HTTP on a fixed arrival schedule.

Open loop: request ``i`` is due at ``start + i / rate`` whether or not earlier ones have been
answered, and its latency is counted from that due time, not from when it was actually
sent. A closed loop (send, wait, send) slows down with the system it measures and hides
exactly the queueing the benchmark is looking for (coordinated omission).
"""

from __future__ import annotations

import asyncio
import itertools
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx

__all__ = ["Sent", "concern_body", "raise_concerns", "schedule"]

# Varied, so that routing, recipients and messages vary as they would in a school.
CATEGORIES: tuple[tuple[str, ...], ...] = (
    ("mental_health",),
    ("learning",),
    ("attendance", "family_situation"),
    ("social_relations_and_bullying",),
    ("physical_health",),
    ("substance_use", "mental_health"),
    ("other",),
)
SCHOOL = "kallio-school"


@dataclass
class Sent:
    """One concern: when it was due (wall clock, s), its answer and how long that took."""

    index: int
    student_ref: str
    due_at: float
    answered_at: float | None = None
    status: int | None = None
    concern_id: str | None = None
    error: str | None = None


def schedule(rate: float, duration_s: float) -> list[float]:
    """Offsets (s from the start) at which the requests are due: evenly spaced."""
    if rate <= 0 or duration_s <= 0:
        return []
    return [i / rate for i in range(int(rate * duration_s))]


def concern_body(index: int, student_ref: str) -> dict[str, Any]:
    """A valid ``POST /concerns`` body; every student is new, so each concern opens a case."""
    return {
        "student_ref": student_ref,
        "school_id": SCHOOL,
        "categories": list(CATEGORIES[index % len(CATEGORIES)]),
        "urgency": "urgent" if index % 5 == 0 else "routine",
        "description": "Benchmark concern: the pupil has seemed withdrawn for some weeks.",
        "student_informed": True,
        "guardian_informed": index % 2 == 0,
        "guardian_must_not_be_told_yet": False,
    }


async def raise_concerns(
    intake_urls: Sequence[str], token: str, rate: float, duration_s: float, *, tag: str = ""
) -> list[Sent]:
    """Raise ``rate`` concerns a second for ``duration_s``, spread over the intake replicas,
    and return every request's outcome once all are answered."""
    tag = tag or uuid.uuid4().hex[:8]
    offsets = schedule(rate, duration_s)
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=256, max_keepalive_connections=256)
    replicas = itertools.cycle(intake_urls)
    async with httpx.AsyncClient(limits=limits, timeout=60, headers=headers) as client:
        start_mono, start_wall = time.monotonic(), time.time()
        tasks = []
        for index, offset in enumerate(offsets):
            delay = start_mono + offset - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            sent = Sent(index, f"bench.{tag}.{index}", start_wall + offset)
            tasks.append(asyncio.create_task(_post(client, next(replicas), sent)))
        return list(await asyncio.gather(*tasks))


async def _post(client: httpx.AsyncClient, url: str, sent: Sent) -> Sent:
    try:
        response = await client.post(
            f"{url}/concerns", json=concern_body(sent.index, sent.student_ref)
        )
        sent.status = response.status_code
        if response.status_code == 201:
            sent.concern_id = response.json()["concern_id"]
    except httpx.HTTPError as error:
        sent.error = type(error).__name__
    sent.answered_at = time.time()
    return sent
